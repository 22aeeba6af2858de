import type Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import type { Principal } from '../domain/auth/principal';
import { ForbiddenError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors/problem-error';
import type { RouteDef } from './route-definition';
import { compileRouteValidator, createRouteAjvs } from './validate-request';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'sid';
/** Header that cookie-authenticated mutations must carry (synchronizer-token CSRF defence). */
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['get', 'head', 'options']);

/**
 * The parsed JSON body, or undefined when none was sent. The body parser
 * turns absent and non-JSON bodies into `{}`; telling them apart here lets
 * validation say "required" and non-JSON get a 415 instead of a confusing 422.
 */
function jsonBody(ctx: Context): unknown {
  const hasBody = Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== '';
  if (!hasBody) return undefined;
  if (!ctx.is('application/json')) throw new UnsupportedMediaTypeError('Send the request body as application/json.');
  return (ctx.request as { body?: unknown }).body;
}

export type Authenticate = (em: EntityManager, token: string) => Promise<Principal | null>;

/**
 * Register routes on a router. For each request, in order: authenticate,
 * check CSRF on mutations, check roles, validate params, query and body, then
 * call the handler. Anything that fails throws a typed error, which the error
 * middleware renders, so a rejected request never reaches the handler.
 */
export function mountRoutes(router: Router, routes: RouteDef[], authenticate: Authenticate): void {
  const ajvs = createRouteAjvs();
  for (const route of routes) {
    const validate = compileRouteValidator(route, ajvs);
    router[route.method](route.operationId, route.path, async (ctx: Context) => {
      const em = ctx.state.em as EntityManager;
      let principal: Principal | undefined;
      if (route.auth !== 'public') {
        const token = ctx.cookies.get(SESSION_COOKIE);
        principal = (token && (await authenticate(em, token))) || undefined;
        if (!principal) throw new UnauthorizedError('Log in first: no valid session accompanies this request.');
        if (!SAFE_METHODS.has(route.method) && ctx.get(CSRF_HEADER) !== principal.csrfToken) {
          throw new ForbiddenError(`Missing or wrong ${CSRF_HEADER} header; take the token from the login response or GET /api/me.`);
        }
        if (typeof route.auth === 'object' && 'platformAdmin' in route.auth) {
          if (!principal.platformAdmin) throw new ForbiddenError('This action is for platform administrators only.');
        } else if (typeof route.auth === 'object') {
          const allowed = route.auth.roles;
          if (!principal.memberships.some((m) => allowed.includes(m.role))) {
            throw new ForbiddenError(`This action needs one of the roles: ${allowed.join(', ')}.`);
          }
        }
      }
      const params = validate('params', { ...ctx.params });
      const query = validate('query', { ...ctx.query });
      const body = validate('body', route.body ? jsonBody(ctx) : undefined);
      const result = await route.handler({ params, query, body, principal, em, koa: ctx } as never);
      if (result?.headers) ctx.set(result.headers);
      ctx.status = result?.status ?? (result?.body === undefined ? 204 : 200);
      if (result?.body !== undefined) ctx.body = result.body;
    });
  }
}
