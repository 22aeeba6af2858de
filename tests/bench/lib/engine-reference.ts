import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';

interface WaitApi {
  id: string;
  executionId: string;
  signal(message?: unknown): void;
}

/**
 * bpmn-engine (in memory) as a durable engine would drive it: after every
 * step the state is taken with getState() and serialised (JSON.stringify),
 * and the next step parses it, recover()s a new engine and resume()s it
 * before signalling the waiting user task. No database is involved.
 */
export class BpmnEngineReference {
  constructor(private readonly source: string) {}

  /** Start a case; returns the serialised state. */
  async start(variables: Record<string, unknown>): Promise<string> {
    const engine = new Engine({ name: 'bench', source: this.source });
    await engine.execute({ listener: new EventEmitter(), variables });
    return JSON.stringify(await engine.getState());
  }

  /** Recover from `state`, complete the first waiting user task instance with `output`; returns the new state and whether the process finished. */
  async completeOne(state: string, output: Record<string, unknown>): Promise<{ state: string; done: boolean }> {
    const waiting: WaitApi[] = [];
    const listener = new EventEmitter();
    listener.on('wait', (api: WaitApi) => waiting.push(api));
    const engine = new Engine({ name: 'bench' }).recover(JSON.parse(state));
    await engine.resume({ listener });
    const task = waiting[0];
    if (!task) throw new Error('bpmn-engine: no waiting task after resume');
    task.signal(output);
    const next = JSON.stringify(await engine.getState());
    return { state: next, done: engine.state === 'idle' };
  }

  /** A whole case with `tasks` user task completions, each after a state round trip. */
  async runCase(variables: Record<string, unknown>, tasks: number): Promise<void> {
    let state = await this.start(variables);
    for (let i = 0; i < tasks; i++) {
      const r = await this.completeOne(state, { decision: 'claimed', note: '已认领，纳入日常监管' });
      state = r.state;
      if (i === tasks - 1 && !r.done) throw new Error('bpmn-engine: the case did not finish after its last task');
    }
  }
}
