import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import type { Principal } from '../domain/auth/principal';
import type { Role } from '../domain/org/membership.entity';

/** A JSON Schema (draft 2020-12) as a plain object; also what OpenAPI 3.1 embeds verbatim. */
export type JsonSchema = Record<string, unknown>;

/**
 * Who may call a route: anyone, any logged-in user, users holding one of
 * the roles in some department, or a platform administrator (installation-wide
 * operations such as creating counties, which no county role may do).
 * Department-level checks happen in handlers, which know which department the
 * resource belongs to.
 */
export type AuthRequirement = 'public' | 'session' | { roles: readonly Role[] } | { platformAdmin: true };

export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  /** Defaults to application/json. */
  contentType?: string;
}

/** What a handler receives: validated input, the caller, and a request-scoped EntityManager. */
export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route whose auth is not 'public'. */
  principal: Principal | undefined;
  em: EntityManager;
  /** The raw Koa context, for cookies and headers; prefer the typed fields above. */
  koa: Context;
}

export interface HandlerResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One HTTP operation. The same schemas validate requests (ajv) and generate
 * the OpenAPI document, so the documentation cannot drift from the checks.
 */
export interface RouteDef<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-style path, e.g. /api/departments/:id */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  auth: AuthRequirement;
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
  /** The body may be left out entirely (e.g. a claim without a version); when sent, it must match `body`. */
  bodyOptional?: boolean;
  /** A binary upload read by the handler itself (no JSON `body` then); documented as the OpenAPI request body. */
  rawBody?: { contentTypes: string[]; maxBytes: number };
  responses: Record<number, ResponseSpec>;
  handler(ctx: HandlerContext<P, Q, B>): Promise<HandlerResult | void>;
}

/** Identity helper that keeps a route's parameter types while erasing them for the route list. */
export function defineRoute<P = Record<string, string>, Q = Record<string, unknown>, B = unknown>(route: RouteDef<P, Q, B>): RouteDef {
  return route as unknown as RouteDef;
}
