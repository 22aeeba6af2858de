import { OptimisticLockError } from '@mikro-orm/core';
import { ConflictError, TooManyRequestsError, ValidationError } from '../../../platform/src/errors/problem-error';
import { toProblem } from '../../../platform/src/http/problem';

describe('toProblem', () => {
  it('keeps a typed error status, title, detail and field errors', () => {
    const { problem, internal } = toProblem(new ValidationError('bad', [{ pointer: '/body/x', message: 'is required' }]));
    expect(internal).toBe(false);
    expect(problem).toEqual({ type: 'urn:problem:validation', title: 'Validation failed', status: 422, detail: 'bad', errors: [{ pointer: '/body/x', message: 'is required' }] });
  });

  it('carries Retry-After for rate limits', () => {
    expect(toProblem(new TooManyRequestsError('slow down', 90)).retryAfter).toBe(90);
  });

  it('maps a lost optimistic lock to 409', () => {
    const { problem } = toProblem(OptimisticLockError.lockFailed('x'));
    expect(problem.status).toBe(409);
    expect(toProblem(new ConflictError('x')).problem.status).toBe(409);
  });

  it('keeps framework client errors (http-errors with expose) as they are', () => {
    const err = Object.assign(new Error('request entity too large'), { status: 413, expose: true });
    expect(toProblem(err).problem).toMatchObject({ status: 413, title: 'Payload Too Large', detail: 'request entity too large' });
  });

  it('turns anything else into a 500 that says nothing about the cause', () => {
    const { problem, internal } = toProblem(new Error('relation "secret_table" does not exist'));
    expect(internal).toBe(true);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret_table');
  });
});
