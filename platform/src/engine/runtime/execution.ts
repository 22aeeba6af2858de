import type { AuditEntry } from '../../domain/audit/audit-log';
import type { CaseStatus } from '../../domain/case/case-instance.entity';
import { evaluateCondition, evaluateFeel } from '../expressions/feel';
import type { ElementDef, FeelSource, Mapping } from '../model/compiled-model';
import { PROCESS_SCOPE_ID, type CaseState, type ScopeInstance, type Token, type Wait } from './case-state';
import type { ExecutionEnv } from './engine-env';
import { ProcessExecutionError } from './engine-errors';
import { completeActivity } from './activity-lifecycle';
import { tryFireInclusiveJoins } from '../elements/inclusive-gateway';

/** How element behaviours plug into the execution (see engine/elements). */
export interface ElementBehaviour {
  /** A ready token has arrived: do the element's work, then leave, wait, or be consumed. */
  enter(x: Execution, token: Token, el: ElementDef): Promise<void>;
  /** Undo what a waiting token holds (task, timer, subscription, child scope) because it is being cancelled. */
  cancel?(x: Execution, token: Token, el: ElementDef): Promise<void>;
}

/** Chooses the behaviour for an element; injected so the execution does not import every behaviour. */
export type BehaviourResolver = (el: ElementDef, token: Token) => ElementBehaviour;

/**
 * One command's run over one case: tokens and scopes as data, advanced by
 * element behaviours until every token waits or the case ends. Side effects
 * are written through `env.em` inside the command's transaction; audit
 * entries are buffered and appended once at the end.
 */
export class Execution {
  /** Buffered audit entries: the command's shared buffer (see ExecutionEnv.auditBuffer). */
  readonly audit: AuditEntry[];
  status: CaseStatus;
  endedAt: Date | null = null;
  /**
   * Activity tokens whose inner work finished (a subprocess run), to complete
   * on the next step, with the run's local variables for its output mappings.
   */
  private readonly completions: { tokenId: string; locals: Record<string, unknown> }[] = [];

  constructor(
    readonly env: ExecutionEnv,
    readonly caseId: string,
    readonly variables: Record<string, unknown>,
    readonly state: CaseState,
    status: CaseStatus,
    private readonly behaviourFor: BehaviourResolver,
  ) {
    this.status = status;
    this.audit = env.auditBuffer;
  }

  // ----- running ------------------------------------------------------------

  /** Advance every ready token until none is left. */
  async run(): Promise<void> {
    let guard = 0;
    for (;;) {
      const completed = this.completions.shift();
      if (completed) {
        const owner = this.token(completed.tokenId);
        // Locals feed output mappings only; without mappings they stay local (nothing is merged).
        if (owner) await completeActivity(this, owner, this.element(owner.elementId).outputs.length ? completed.locals : {});
        continue;
      }
      const token = this.state.tokens.find((t) => t.status === 'ready');
      if (!token) {
        if (tryFireInclusiveJoins(this)) continue;
        return;
      }
      if (++guard > 10_000) throw new ProcessExecutionError(token.elementId, 'more than 10,000 steps in one command: the diagram loops without waiting');
      const el = this.element(token.elementId);
      await this.behaviourFor(el, token).enter(this, token, el);
    }
  }

  /** The behaviour's cancel step for a token, if the behaviour has one. */
  cancelHook(el: ElementDef, token: Token): (() => Promise<void>) | undefined {
    const behaviour = this.behaviourFor(el, token);
    return behaviour.cancel ? () => behaviour.cancel!(this, token, el) : undefined;
  }

  element(id: string): ElementDef {
    const el = this.env.process.elements.get(id);
    if (!el) throw new ProcessExecutionError(id, 'no such element in the definition this case runs on');
    return el;
  }

  nextId(prefix: string): string {
    this.state.seq += 1;
    return `${prefix}${this.state.seq}`;
  }

  record(action: string, el: ElementDef | undefined, payload: Record<string, unknown> = {}): void {
    this.audit.push({
      actor: this.env.actor,
      action,
      subject: { type: 'case', id: this.caseId },
      payload: { ...(el ? { elementId: el.id, elementType: el.type, ...(el.name ? { elementName: el.name } : {}), ...(el.legalBasis ? { legalBasis: el.legalBasis } : {}) } : {}), ...payload },
    });
  }

  // ----- tokens -------------------------------------------------------------

  spawn(elementId: string, scopeId: string, viaFlow?: string, extra: Partial<Token> = {}): Token {
    const token: Token = { id: this.nextId('t'), elementId, scopeId, status: 'ready', ...(viaFlow ? { viaFlow } : {}), ...extra };
    this.state.tokens.push(token);
    return token;
  }

  token(id: string): Token | undefined {
    return this.state.tokens.find((t) => t.id === id);
  }

  wait(token: Token, wait: Wait): void {
    token.status = 'waiting';
    token.wait = wait;
  }

  /** Take a token out without ending its scope (cancellation, or an instance token handing over to its body). */
  remove(token: Token): void {
    const i = this.state.tokens.indexOf(token);
    if (i >= 0) this.state.tokens.splice(i, 1);
  }

  /** Leave an element along the given flows (a new ready token at each target), or end the path when there are none. */
  leave(token: Token, flowIds: readonly string[]): void {
    this.remove(token);
    for (const flowId of flowIds) {
      const flow = this.env.process.flows.get(flowId);
      if (!flow) throw new ProcessExecutionError(token.elementId, `unknown sequence flow ${flowId}`);
      this.spawn(flow.targetId, token.scopeId, flowId);
    }
    if (flowIds.length === 0) this.afterTokenGone(token.scopeId);
  }

  /** The flows an activity or event leaves by: every unconditional flow and every condition that holds; the default only when nothing else does. */
  outgoingFlows(token: Token, el: ElementDef): string[] {
    const vars = this.variablesFor(token);
    const taken = el.outgoing.filter((id) => {
      if (id === el.defaultFlow) return false;
      const condition = this.env.process.flows.get(id)?.condition;
      return !condition || evaluateCondition(condition.feel, vars, `${el.id} → ${id}`);
    });
    if (taken.length === 0 && el.defaultFlow) return [el.defaultFlow];
    return taken;
  }

  /** The token ends here (end event, or a path with no outgoing flow). */
  consume(token: Token): void {
    this.remove(token);
    this.afterTokenGone(token.scopeId);
  }

  /** When a scope has no tokens left, it completes: the case, a subprocess run, or one multi-instance instance. */
  private afterTokenGone(scopeId: string): void {
    if (this.state.tokens.some((t) => t.scopeId === scopeId)) return;
    const scope = this.scope(scopeId);
    if (scope.kind === 'process') {
      if (this.status === 'active') this.endCase('completed');
      return;
    }
    if (scope.kind === 'subProcess') {
      this.removeScope(scope);
      if (scope.ownerTokenId) this.completions.push({ tokenId: scope.ownerTokenId, locals: scope.variables });
    }
  }

  endCase(status: CaseStatus): void {
    this.status = status;
    this.endedAt = this.env.now;
    this.record(`case.${status}`, undefined, { statusBefore: 'active', statusAfter: status });
  }

  // ----- scopes and variables ----------------------------------------------

  scope(id: string): ScopeInstance {
    const scope = this.state.scopes.find((s) => s.id === id);
    if (!scope) throw new Error(`scope ${id} missing from case ${this.caseId}`);
    return scope;
  }

  openScope(kind: ScopeInstance['kind'], elementId: string, parentScopeId: string, ownerTokenId: string, variables: Record<string, unknown> = {}): ScopeInstance {
    const scope: ScopeInstance = { id: this.nextId('s'), kind, elementId, parentScopeId, ownerTokenId, variables };
    this.state.scopes.push(scope);
    return scope;
  }

  removeScope(scope: ScopeInstance): void {
    this.state.scopes = this.state.scopes.filter((s) => s.id !== scope.id);
  }

  /** Variables visible to a token: the case variables overlaid by each enclosing scope's locals, innermost last. */
  variablesFor(token: Token | { scopeId: string }): Record<string, unknown> {
    const chain: ScopeInstance[] = [];
    for (let s: ScopeInstance | undefined = this.scope(token.scopeId); s && s.id !== PROCESS_SCOPE_ID; s = s.parentScopeId ? this.scope(s.parentScopeId) : undefined) chain.unshift(s);
    return Object.assign({}, this.variables, ...chain.map((s) => s.variables));
  }

  /**
   * Where a token's results are written: the innermost multi-instance
   * instance scope (so parallel instances do not overwrite each other), or
   * the case variables.
   */
  private targetVariables(token: Token): Record<string, unknown> {
    for (let s: ScopeInstance | undefined = this.scope(token.scopeId); s; s = s.parentScopeId ? this.scope(s.parentScopeId) : undefined) {
      if (s.kind === 'miInstance') return s.variables;
      if (s.kind === 'process') break;
    }
    return this.variables;
  }

  /** Write results: through the element's output mappings when it has any, else merged as they are. */
  applyOutputs(token: Token, el: ElementDef, result: Record<string, unknown>): void {
    const target = this.targetVariables(token);
    if (el.outputs.length === 0) {
      Object.assign(target, result);
      return;
    }
    const context = { ...this.variablesFor(token), ...result };
    for (const m of el.outputs) target[m.name] = evaluateFeel(m.expression.feel, context, `${el.id} output ${m.name}`);
  }

  evaluate(source: FeelSource, token: Token, where: string, extra: Record<string, unknown> = {}): unknown {
    return evaluateFeel(source.feel, { ...this.variablesFor(token), ...extra }, where);
  }

  evaluateMappings(mappings: readonly Mapping[], token: Token, where: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const vars = this.variablesFor(token);
    for (const m of mappings) out[m.name] = evaluateFeel(m.expression.feel, vars, `${where} input ${m.name}`);
    return out;
  }
}
