import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

/** A county code as it appears in the path; unknown codes are a 404 (never a 422 that would differ from one). */
const tenantParam: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };

const receiptSchema: JsonSchema = {
  type: 'object',
  required: ['receiptCode', 'receivedAt', 'legalBasis'],
  properties: {
    receiptCode: { type: 'string', description: 'Keep it: the only way to follow the submission up', examples: ['7KQ3-M9XW-2HPT-RZ4C'] },
    receivedAt: { type: 'string', format: 'date-time' },
    legalBasis: { type: ['string', 'null'] },
  },
};

const statusSchema: JsonSchema = {
  type: 'object',
  required: ['receiptCode', 'receivedAt', 'status', 'statusText'],
  properties: {
    receiptCode: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    status: { enum: ['received', 'in_progress', 'answered', 'closed'] },
    statusText: { type: 'string', description: '已受理 / 办理中 / 已答复 / 已办结' },
    answeredAt: { type: 'string', format: 'date-time' },
    reply: { type: 'string', description: 'The answer the procedure gives the public, once answered' },
  },
};

const intakeFormSchema: JsonSchema = {
  type: 'object',
  required: ['procedure', 'name', 'legalBasis', 'form'],
  properties: {
    procedure: { type: 'string' },
    name: { type: 'string' },
    legalBasis: { type: ['string', 'null'] },
    form: {
      type: 'object',
      required: ['formKey', 'version', 'title', 'schema', 'uiSchema'],
      properties: { formKey: { type: 'string' }, version: { type: 'integer' }, title: { type: 'string' }, schema: { type: 'object' }, uiSchema: { type: ['object', 'null'] } },
    },
  },
};

/**
 * 社会监督 without a login: the intake form, submitting a report or
 * suggestion for a receipt code, and looking its status up by that code.
 * Public routes carry no session and so need no CSRF token; abuse limits
 * live in PublicIntakeService, keyed by the client address (koa.ip, which
 * honours the trustProxy setting) as a hash.
 */
export function publicRoutes(deps: Pick<AppDeps, 'publicIntake'>): RouteDef[] {
  return [
    defineRoute<{ tenant: string }>({
      method: 'get',
      path: '/api/public/:tenant/intake-form',
      operationId: 'getPublicIntakeForm',
      summary: "The county's public intake form (JSON Schema and UI schema) for the public page to render",
      tags: ['public'],
      auth: 'public',
      params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
      responses: { 200: { description: 'The intake form', schema: intakeFormSchema }, 404: { description: 'No such county, or it takes no public submissions' } },
      async handler({ params, em }) {
        return { body: await deps.publicIntake.intakeForm(em, params.tenant) };
      },
    }),
    defineRoute<{ tenant: string }, Record<string, never>, Record<string, unknown>>({
      method: 'post',
      path: '/api/public/:tenant/submissions',
      operationId: 'submitPublicReport',
      summary: 'Submit a report or suggestion without logging in; answers a receipt code. The intake form validates the fields.',
      tags: ['public'],
      auth: 'public',
      params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
      // Only the envelope is checked here; the intake procedure's start form says which fields are allowed.
      body: { type: 'object', minProperties: 1, maxProperties: 50 },
      responses: {
        201: { description: 'Received', schema: receiptSchema },
        404: { description: 'No such county, or it takes no public submissions' },
        409: { description: 'The same content was already received in the last 24 hours' },
        422: { description: 'The intake form refuses the content; each error points at /body/<field>' },
        429: { description: 'Too many submissions from this address; see Retry-After' },
      },
      async handler({ params, body, em, koa }) {
        const receipt = await deps.publicIntake.submit(em, { tenantCode: params.tenant, payload: body, clientAddress: koa.ip });
        return { status: 201, body: receipt };
      },
    }),
    defineRoute<{ tenant: string; receiptCode: string }>({
      method: 'get',
      path: '/api/public/:tenant/submissions/:receiptCode',
      operationId: 'getPublicSubmissionStatus',
      summary: 'The status of a public submission by its receipt code, and the reply once answered',
      tags: ['public'],
      auth: 'public',
      params: { type: 'object', required: ['tenant', 'receiptCode'], properties: { tenant: tenantParam, receiptCode: { type: 'string', minLength: 1, maxLength: 64 } } },
      responses: {
        200: { description: 'Public status', schema: statusSchema },
        404: { description: 'No submission with this receipt code (also for an unknown county)' },
        429: { description: 'Too many lookups; see Retry-After' },
      },
      async handler({ params, em, koa }) {
        const view = await deps.publicIntake.status(em, { tenantCode: params.tenant, receiptCode: params.receiptCode, clientAddress: koa.ip });
        // A status changes as staff work on it, and the code is a secret: no shared caches.
        return { body: view, headers: { 'Cache-Control': 'no-store' } };
      },
    }),
  ];
}
