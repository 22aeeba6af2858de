import type { Principal } from '../../domain/auth/principal';
import type { AppDeps } from '../app-deps';
import { SESSION_COOKIE } from '../mount-routes';
import { defineRoute, type RouteDef } from '../route-definition';
import { meSchema } from '../schemas';

interface LoginBody {
  tenant?: string;
  login: string;
  password: string;
}

/** The caller as the API shows them (never the session id). */
export function meView(p: Principal) {
  return { userId: p.userId, login: p.login, displayName: p.displayName, tenant: { id: p.tenantId, code: p.tenantCode }, memberships: p.memberships, platformAdmin: p.platformAdmin, csrfToken: p.csrfToken };
}

/** Login, logout and "who am I". */
export function sessionRoutes(deps: Pick<AppDeps, 'auth' | 'http'>): RouteDef[] {
  return [
    defineRoute<Record<string, never>, Record<string, never>, LoginBody>({
      method: 'post',
      path: '/api/session',
      operationId: 'login',
      summary: 'Log in with a password; sets an httpOnly session cookie and returns the CSRF token',
      tags: ['session'],
      auth: 'public',
      body: {
        type: 'object',
        required: ['login', 'password'],
        additionalProperties: false,
        properties: {
          tenant: { type: 'string', minLength: 1, maxLength: 64, description: 'County code; optional while there is only one' },
          login: { type: 'string', minLength: 1, maxLength: 64 },
          password: { type: 'string', minLength: 1, maxLength: 256 },
        },
      },
      responses: { 200: { description: 'Logged in', schema: meSchema }, 401: { description: 'Wrong login name or password' }, 429: { description: 'Locked out for a while after too many failures' } },
      async handler({ body, em, koa }) {
        const { token, principal } = await deps.auth.login(em, {
          tenant: body.tenant,
          login: body.login,
          password: body.password,
          address: koa.ip,
          previousToken: koa.cookies.get(SESSION_COOKIE),
        });
        koa.cookies.set(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.http.cookieSecure,
          path: '/',
          maxAge: deps.http.sessionTtlHours * 3_600_000,
          overwrite: true,
        });
        return { body: meView(principal) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/session',
      operationId: 'logout',
      summary: 'Log out: ends the session and clears the cookie',
      tags: ['session'],
      auth: 'session',
      responses: { 204: { description: 'Logged out' } },
      async handler({ principal, em, koa }) {
        await deps.auth.logout(em, principal!);
        koa.cookies.set(SESSION_COOKIE, null, { path: '/', overwrite: true });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      operationId: 'getMe',
      summary: 'The logged-in user, their departments and roles, and the CSRF token',
      tags: ['session'],
      auth: 'session',
      responses: { 200: { description: 'The current user', schema: meSchema } },
      async handler({ principal }) {
        return { body: meView(principal!) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/session',
      operationId: 'getSessionState',
      summary: 'Whether this browser is logged in, and as whom; 200 either way, so a single-page app can ask without provoking a 401',
      tags: ['session'],
      auth: 'public',
      responses: { 200: { description: 'Session state', schema: { type: 'object', required: ['authenticated'], properties: { authenticated: { type: 'boolean' }, me: meSchema } } } },
      async handler({ em, koa }) {
        const token = koa.cookies.get(SESSION_COOKIE);
        const principal = token ? await deps.auth.authenticate(em, token) : null;
        return { body: principal ? { authenticated: true, me: meView(principal) } : { authenticated: false } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/session/tenants',
      operationId: 'listTenantsForLogin',
      summary: 'The counties served here (code and name), for the login page; public, as county names are',
      tags: ['session'],
      auth: 'public',
      responses: { 200: { description: 'Counties', schema: { type: 'array', items: { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } } } } } },
      async handler({ em }) {
        return { body: await em.execute<{ code: string; name: string }[]>('select code, name from tenant order by code') };
      },
    }),
  ];
}
