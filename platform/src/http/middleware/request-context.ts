import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Middleware } from 'koa';
import type { Logger } from '../../logger';

/**
 * Give each request an id (echoed in X-Request-Id and in problem documents)
 * and its own EntityManager fork, so no identity map is shared between requests.
 */
export function requestContext(orm: MikroORM, logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    ctx.state.em = orm.em.fork();
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.debug({ requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) }, 'request');
    }
  };
}
