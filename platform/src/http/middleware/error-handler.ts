import type { Middleware } from 'koa';
import type { Logger } from '../../logger';
import { NotFoundError } from '../../errors/problem-error';
import { toProblem } from '../problem';

/**
 * The one error middleware: every failure, anywhere below it, leaves as
 * application/problem+json. Unmatched routes become 404 problems too.
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new NotFoundError(`No resource at ${ctx.method} ${ctx.path}.`);
    } catch (err) {
      const { problem, retryAfter, internal } = toProblem(err);
      const requestId = ctx.state.requestId as string | undefined;
      problem.instance = ctx.path;
      if (requestId) problem.requestId = requestId;
      if (internal) logger.error({ err, requestId, method: ctx.method, path: ctx.path }, 'unhandled error');
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = problem;
      if (retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
    }
  };
}
