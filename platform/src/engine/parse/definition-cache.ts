import type { CompiledDefinition } from '../model/compiled-model';
import { parseAndCompile } from './compile-definition';

/** Compiles the XML of one definition version; by default `parseAndCompile`. */
export type CompileXml = (xml: string) => Promise<{ readonly compiled: CompiledDefinition }>;

export interface DefinitionCacheOptions {
  /** Most versions kept compiled; the least recently used is dropped beyond it (default 200). */
  readonly maxEntries?: number;
  readonly compile?: CompileXml;
}

/**
 * Compiled definitions by definition version id, so each published version
 * is parsed and compiled once per server process instead of once per command.
 *
 * Why this is safe to cache without invalidation: a published version is
 * immutable (a change is a new version with a new id). Why the in-flight
 * promise is shared: when a busy version falls out of the cache, every
 * command that needs it at that moment waits for one compilation rather than
 * starting its own. A failed load or compile is not cached, so the next
 * caller retries (the database may have been briefly unavailable).
 *
 * One instance per engine, built by the composition root; nothing global.
 */
export class DefinitionCache {
  private readonly entries = new Map<string, Promise<CompiledDefinition>>();
  private readonly maxEntries: number;
  private readonly compile: CompileXml;

  /** @throws RangeError when `maxEntries` is not a positive integer. */
  constructor(options: DefinitionCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 200;
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${String(options.maxEntries)}`);
    }
    this.compile = options.compile ?? parseAndCompile;
  }

  /** Number of versions held (compiled or compiling). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The compiled definition of a version, loading its XML with `loadXml` and
   * compiling it only if no call for this id has done so (or is doing so).
   * @throws whatever `loadXml` throws, DefinitionParseError or DefinitionCompileError.
   */
  get(versionId: string, loadXml: () => Promise<string>): Promise<CompiledDefinition> {
    const cached = this.entries.get(versionId);
    if (cached !== undefined) {
      this.entries.delete(versionId);
      this.entries.set(versionId, cached);
      return cached;
    }
    const pending = this.load(loadXml);
    this.entries.set(versionId, pending);
    pending.catch(() => {
      if (this.entries.get(versionId) === pending) this.entries.delete(versionId);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return pending;
  }

  private async load(loadXml: () => Promise<string>): Promise<CompiledDefinition> {
    const xml = await loadXml();
    return (await this.compile(xml)).compiled;
  }
}
