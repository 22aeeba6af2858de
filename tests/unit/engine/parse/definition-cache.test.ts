import type { CompiledDefinition } from '../../../../platform/src/engine/model/compiled-model';
import { DefinitionCompileError } from '../../../../platform/src/engine/parse/compile-definition';
import { DefinitionCache, type CompileXml } from '../../../../platform/src/engine/parse/definition-cache';
import { bpmnXml, fixtureXml } from './bpmn-test-files';

/** A compile stub that records the XML it saw and returns a distinct object per call. */
function recordingCompile(): { compile: CompileXml; seen: string[] } {
  const seen: string[] = [];
  const compile: CompileXml = async (xml) => {
    seen.push(xml);
    return { compiled: { processes: new Map(), messages: new Map() } as CompiledDefinition };
  };
  return { compile, seen };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('DefinitionCache', () => {
  test('given ten concurrent requests for one version, when the XML arrives, then it is loaded and compiled once and all get the same model', async () => {
    const { compile, seen } = recordingCompile();
    const cache = new DefinitionCache({ compile });
    const xml = deferred<string>();
    const loadXml = jest.fn(() => xml.promise);
    const pending = Array.from({ length: 10 }, () => cache.get('v1', loadXml));
    xml.resolve('<v1/>');
    const results = await Promise.all(pending);
    expect(loadXml).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['<v1/>']);
    expect(new Set(results).size).toBe(1);
  });

  test('given a compiled version, when requested again later, then the cached model is returned without loading', async () => {
    const { compile } = recordingCompile();
    const cache = new DefinitionCache({ compile });
    const first = await cache.get('v1', async () => '<v1/>');
    const loadAgain = jest.fn(async () => '<v1/>');
    expect(await cache.get('v1', loadAgain)).toBe(first);
    expect(loadAgain).not.toHaveBeenCalled();
  });

  test('given a cache of two, when a third version is loaded, then the least recently used one is evicted and reloads on demand', async () => {
    const { compile, seen } = recordingCompile();
    const cache = new DefinitionCache({ maxEntries: 2, compile });
    const load = (id: string) => async () => `<${id}/>`;
    const a = await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    expect(await cache.get('a', load('a'))).toBe(a);
    await cache.get('c', load('c'));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', load('a'))).toBe(a);
    await cache.get('b', load('b'));
    expect(seen).toEqual(['<a/>', '<b/>', '<c/>', '<b/>']);
  });

  test('given loading fails once, when requested again, then the failure is not cached and the retry compiles', async () => {
    const { compile, seen } = recordingCompile();
    const cache = new DefinitionCache({ compile });
    await expect(cache.get('v1', async () => Promise.reject(new Error('database unavailable')))).rejects.toThrow('database unavailable');
    expect(cache.size).toBe(0);
    await cache.get('v1', async () => '<v1/>');
    expect(seen).toEqual(['<v1/>']);
  });

  test('given the default compiler, when a fixture is requested, then the real compiled model comes back', async () => {
    const cache = new DefinitionCache();
    const compiled = await cache.get('approval-push@1', async () => fixtureXml('approval-push.bpmn'));
    expect([...compiled.processes.keys()]).toEqual(['approval-push']);
  });

  test('given a definition that does not compile, when requested concurrently, then every caller gets the DefinitionCompileError', async () => {
    const cache = new DefinitionCache();
    const load = async () => bpmnXml('<bpmn:startEvent id="s" /><bpmn:complexGateway id="cg" />');
    const results = await Promise.allSettled([cache.get('bad', load), cache.get('bad', load)]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(DefinitionCompileError);
    }
  });

  test.each([0, -1, 1.5])('given maxEntries %p, when constructing, then RangeError', (maxEntries) => {
    expect(() => new DefinitionCache({ maxEntries })).toThrow(RangeError);
  });
});
