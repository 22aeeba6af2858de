/**
 * Minimal HTTP client for the API benchmark: log in as a demo account and
 * send JSON with the session cookie and CSRF header, as the staff UI does.
 */

/** A logged-in user: the Cookie header to send and the CSRF token for mutations. */
export interface ApiSession {
  login: string;
  cookie: string;
  csrf: string;
  userId: string;
}

/** The password of every demo account (platform/src/domain/tenant/demo-accounts.ts). */
export const DEMO_PASSWORD = 'demo-2023';

export async function apiLogin(baseUrl: string, login: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (res.status !== 200) throw new Error(`login ${login}: HTTP ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string; userId: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('sid='));
  if (!cookie) throw new Error(`login ${login}: no session cookie`);
  return { login, cookie, csrf: me.csrfToken, userId: me.userId };
}

/** Headers of an authenticated JSON request. */
export function authHeaders(s: ApiSession): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
}

/** Send a JSON request; throws unless the status is `expect`. */
export async function apiJson<T = unknown>(baseUrl: string, s: ApiSession, method: string, path: string, body: unknown, expect: number): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { method, headers: authHeaders(s), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${path}: HTTP ${res.status} (expected ${expect}) ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
