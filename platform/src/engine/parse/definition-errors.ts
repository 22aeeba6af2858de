/**
 * Errors for BPMN files that the platform refuses. Both are 422 problems:
 * definitions arrive from admins (and later from other counties' packs), so a
 * refusal must reach the uploader as a sentence, not as a 500.
 */
import { ProblemError } from '../../errors/problem-error';

/** Why `parseBpmn` refused a document. */
export type DefinitionParseFailure = 'doctype' | 'entity' | 'too-large' | 'not-bpmn' | 'malformed';

/**
 * Thrown by `parseBpmn` before or while reading XML: a DOCTYPE or ENTITY
 * declaration (entity expansion / XXE), input above the size limit, a root
 * that is not bpmn:definitions, or XML that does not parse. Nothing of the
 * document has been used when this is thrown.
 */
export class DefinitionParseError extends ProblemError {
  readonly status = 422;
  readonly title = 'BPMN file refused';
  readonly code = 'definition-parse';

  constructor(
    readonly reason: DefinitionParseFailure,
    detail: string,
    options?: { readonly cause?: unknown },
  ) {
    super(detail, { reason });
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * Thrown by `compileDefinition` when a parsed definition cannot become a
 * compiled model: an element type the engine does not run, a missing or
 * malformed attribute (duration, FEEL, timer), or a broken structure (flow to
 * a missing element, default flow that does not leave its gateway). Publish
 * time lint should catch most of these first; the compiler still refuses
 * rather than compile something the runtime would mis-execute.
 */
export class DefinitionCompileError extends ProblemError {
  readonly status = 422;
  readonly title = 'BPMN definition cannot be compiled';
  readonly code = 'definition-compile';

  constructor(
    /** Id of the offending BPMN element (or process, message, ...). */
    readonly elementId: string,
    /** A sentence saying why. */
    readonly reason: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`${elementId}: ${reason}`, { elementId });
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
