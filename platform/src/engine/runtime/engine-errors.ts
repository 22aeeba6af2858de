/**
 * Engine failures that are not the caller's fault in the usual sense: the
 * definition could not go on (no gateway branch matched, a FEEL expression
 * produced the wrong type). Commands roll back and report them; jobs record
 * an incident after their retries.
 */
export class ProcessExecutionError extends Error {
  constructor(readonly elementId: string, message: string) {
    super(`${elementId}: ${message}`);
    this.name = 'ProcessExecutionError';
  }
}
