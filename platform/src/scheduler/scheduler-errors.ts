/**
 * Errors of the durable job scheduler. Handlers throw RetryLaterError; the
 * others are thrown by the scheduler itself and each says when.
 */

/**
 * Thrown by a job handler when the job could not run *now* for a reason that
 * will pass by itself, typically because a concurrent command won the case's
 * optimistic lock. The worker rolls back the handler's transaction and puts
 * the job back to pending `delayMs` later WITHOUT counting an attempt, so a
 * busy case never turns a healthy timer into an incident. Because it does not
 * count, throw it only for conditions that clear up; anything else should be
 * an ordinary error (bounded by max attempts).
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    /** How long to wait before the job is due again. */
    readonly delayMs = 1_000,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/**
 * Recorded (not thrown out of the worker) when a claimed job has a type for
 * which this worker has no handler: no retry can succeed, so it becomes an
 * incident at once instead of crashing the worker or burning attempts.
 */
export class UnknownJobTypeError extends Error {
  constructor(readonly jobType: string) {
    super(`No handler is registered for job type "${jobType}".`);
    this.name = 'UnknownJobTypeError';
  }
}

/**
 * Thrown by JobScheduler when a caller passes a malformed job (empty type,
 * invalid date, max attempts below one) or a cancel/reschedule selector that
 * names no job (which would otherwise touch every job of the tenant). These
 * are programming errors, so they are not problem documents.
 */
export class InvalidJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJobError';
  }
}
