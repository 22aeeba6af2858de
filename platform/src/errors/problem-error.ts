/**
 * Typed errors that the HTTP layer turns into RFC 9457 problem documents.
 *
 * Services throw these instead of touching HTTP, so the same rule ("a lost
 * race is a 409", "a foreign id is a 404") holds for every route, CLI and job.
 * Each subclass documents when it is thrown.
 */
export interface FieldError {
  /** JSON Pointer (RFC 6901) to the failing value inside the request part, e.g. "/body/payload/name". */
  pointer: string;
  /** Human-readable reason, suitable for showing next to the field. */
  message: string;
}

export abstract class ProblemError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Short, stable slug used to build the problem `type` URI. */
  abstract readonly code: string;
  /** Extra members added to the problem document (must be safe to show to the caller). */
  readonly extensions: Record<string, unknown>;

  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

/** Thrown when input fails schema or semantic validation; carries one entry per failing field. */
export class ValidationError extends ProblemError {
  readonly status = 422;
  readonly title = 'Validation failed';
  readonly code = 'validation';
  constructor(detail: string, readonly errors: FieldError[] = []) {
    super(detail, { errors });
  }
}

/** Thrown when the request itself is malformed (unparseable JSON, wrong content type). */
export class BadRequestError extends ProblemError {
  readonly status = 400;
  readonly title = 'Bad request';
  readonly code = 'bad-request';
}

/** Thrown when an upload passes its size limit; the reader stops at the limit, so nothing unbounded is buffered. */
export class PayloadTooLargeError extends ProblemError {
  readonly status = 413;
  readonly title = 'Payload too large';
  readonly code = 'payload-too-large';
  constructor(detail: string, readonly maxBytes: number) {
    super(detail, { maxBytes });
  }
}

/** Thrown when a body arrives in a media type the route does not accept (only JSON is). */
export class UnsupportedMediaTypeError extends ProblemError {
  readonly status = 415;
  readonly title = 'Unsupported media type';
  readonly code = 'unsupported-media-type';
}

/** Thrown when no valid session or credentials accompany a request that needs them. */
export class UnauthorizedError extends ProblemError {
  readonly status = 401;
  readonly title = 'Unauthorized';
  readonly code = 'unauthorized';
}

/** Thrown when the caller is known but their roles or departments do not allow the action. */
export class ForbiddenError extends ProblemError {
  readonly status = 403;
  readonly title = 'Forbidden';
  readonly code = 'forbidden';
}

/**
 * Thrown when a resource does not exist *for this tenant*. Ids of other
 * tenants get this too, so existence never leaks across counties.
 */
export class NotFoundError extends ProblemError {
  readonly status = 404;
  readonly title = 'Not found';
  readonly code = 'not-found';
}

/** Thrown when an optimistic-lock check or a uniqueness rule loses a race; the caller may reload and retry. */
export class ConflictError extends ProblemError {
  readonly status = 409;
  readonly title = 'Conflict';
  readonly code = 'conflict';
}

/** Thrown when a rate limit or login lockout applies; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends ProblemError {
  readonly status = 429;
  readonly title = 'Too many requests';
  readonly code = 'too-many-requests';
  constructor(detail: string, readonly retryAfterSeconds: number) {
    super(detail, { retryAfterSeconds });
  }
}

/** Thrown when a dependency (the database) is unavailable; health checks report it. */
export class ServiceUnavailableError extends ProblemError {
  readonly status = 503;
  readonly title = 'Service unavailable';
  readonly code = 'unavailable';
}
