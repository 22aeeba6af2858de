/** A field-level error of an RFC 9457 problem: a JSON pointer into the request and a message. */
export interface FieldError {
  pointer: string;
  message: string;
}

/** An RFC 9457 problem document as the platform sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
}

/** Any non-2xx answer, with the problem document when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

let csrfToken: string | undefined;

/** Remember the CSRF token from the login response or GET /api/me; mutations send it back. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Fired when any request answers 401, so the app can show the login page. */
export const sessionExpired = new EventTarget();

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw body (file upload); sent as is with its own content type. */
  raw?: Blob;
}

/**
 * fetch with the session cookie, the CSRF header on mutations, JSON in and
 * out, and problem documents turned into ApiError. Returns the parsed body
 * (undefined for 204) and the response headers.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; headers: Headers }> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.raw) {
    body = options.raw;
    headers['Content-Type'] = options.raw.type || 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (res.status === 401 && !path.startsWith('/api/session')) sessionExpired.dispatchEvent(new Event('expired'));
  const text = res.status === 204 ? '' : await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, parsed as Problem | undefined);
  return { data: parsed as T, headers: res.headers };
}

export const api = {
  get: async <T>(path: string) => (await request<T>(path)).data,
  post: async <T>(path: string, body?: unknown, headers?: Record<string, string>) => (await request<T>(path, { method: 'POST', body, headers })).data,
  put: async <T>(path: string, body?: unknown) => (await request<T>(path, { method: 'PUT', body })).data,
  del: async <T>(path: string) => (await request<T>(path, { method: 'DELETE' })).data,
};

/** Query string from defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '') as [string, string | number | boolean][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
