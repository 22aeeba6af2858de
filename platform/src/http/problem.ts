import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { STATUS_CODES } from 'node:http';
import { ConflictError, ProblemError, TooManyRequestsError } from '../errors/problem-error';

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

const typeUri = (code: string) => `urn:problem:${code}`;

/** Koa and its body parser throw http-errors with `status` and `expose`. */
interface HttpLikeError {
  status?: number;
  expose?: boolean;
  message?: string;
}

/**
 * Map anything thrown to a problem document. Typed errors keep their status
 * and detail; client errors from the framework keep their message; anything
 * else is a 500 whose detail reveals nothing but the request id.
 */
export function toProblem(err: unknown): { problem: Problem; retryAfter?: number; internal: boolean } {
  if (err instanceof OptimisticLockError) err = new ConflictError('Someone else changed this record first; reload and try again.');
  if (err instanceof UniqueConstraintViolationException) err = new ConflictError('A record with the same unique value already exists.');
  if (err instanceof ProblemError) {
    const problem: Problem = { type: typeUri(err.code), title: err.title, status: err.status, detail: err.message, ...err.extensions };
    return { problem, retryAfter: err instanceof TooManyRequestsError ? err.retryAfterSeconds : undefined, internal: false };
  }
  const http = err as HttpLikeError;
  if (typeof http?.status === 'number' && http.status >= 400 && http.status < 500) {
    const title = STATUS_CODES[http.status] ?? 'Client error';
    const detail = http.expose && http.message ? http.message : title;
    return { problem: { type: typeUri(`http-${http.status}`), title, status: http.status, detail }, internal: false };
  }
  return {
    problem: { type: typeUri('internal'), title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred. Quote the request id when reporting it.' },
    internal: true,
  };
}
