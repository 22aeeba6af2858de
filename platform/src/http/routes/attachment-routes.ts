import { ALLOWED_ATTACHMENT_TYPES, contentDisposition } from '../../domain/attachment/attachment-policy';
import type { AppDeps } from '../app-deps';
import { discardRest, readRawBody } from '../read-raw-body';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';
import { idParams, uuidParam } from '../schemas';

const attachmentSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'caseId', 'taskId', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'scanStatus', 'uploadedBy', 'uploadedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    caseId: { type: 'string', format: 'uuid' },
    taskId: { type: ['string', 'null'], format: 'uuid' },
    fileName: { type: 'string' },
    contentType: { enum: Object.keys(ALLOWED_ATTACHMENT_TYPES) },
    sizeBytes: { type: 'integer' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the bytes as received' },
    scanStatus: { enum: ['clean', 'not_scanned'] },
    uploadedBy: { type: 'string', format: 'uuid' },
    uploadedAt: { type: 'string', format: 'date-time' },
  },
};

/**
 * Evidence attachments. Uploads are raw bodies (the Content-Type header is
 * the file's type, the name travels in the query string) rather than
 * multipart, so the server streams one file against one limit and never
 * parses a multipart envelope. Whoever may read a case may read and add its
 * evidence; anyone else gets 404, as for the case itself.
 */
export function attachmentRoutes(deps: Pick<AppDeps, 'attachments'>): RouteDef[] {
  const { attachments } = deps;
  return [
    defineRoute<{ id: string }, { fileName: string; taskId?: string }>({
      method: 'post',
      path: '/api/cases/:id/attachments',
      operationId: 'uploadAttachment',
      summary: 'Attach evidence to a case: the raw file as the body, its type as Content-Type, its name in ?fileName=',
      tags: ['attachments'],
      auth: 'session',
      params: idParams,
      query: {
        type: 'object',
        required: ['fileName'],
        additionalProperties: false,
        properties: {
          fileName: { type: 'string', minLength: 1, maxLength: 1024, description: 'URL-encoded UTF-8; any path is dropped, only the base name is kept' },
          taskId: { ...uuidParam, description: 'The task of this case the evidence belongs to' },
        },
      },
      rawBody: { contentTypes: Object.keys(ALLOWED_ATTACHMENT_TYPES), maxBytes: attachments.maxBytes },
      responses: {
        201: { description: 'Stored', schema: attachmentSchema },
        404: { description: 'No such case or task within reach' },
        413: { description: 'Larger than the limit' },
        415: { description: 'Type not allowed, or the content does not match the declared type' },
        422: { description: 'Empty name or body, or refused by the virus scanner' },
      },
      async handler({ principal, em, params, query, koa }) {
        const header = { caseId: params.id, taskId: query.taskId, fileName: query.fileName, contentType: koa.get('Content-Type') || undefined, declaredBytes: koa.request.length };
        // Refuse what can be refused before reading a single byte of the body.
        try {
          await attachments.checkUpload(em, principal!, header);
        } catch (err) {
          discardRest(koa);
          throw err;
        }
        const content = await readRawBody(koa, attachments.maxBytes);
        const view = await attachments.upload(em, principal!, header, content);
        return { status: 201, body: view, headers: { Location: `/api/attachments/${view.id}` } };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/cases/:id/attachments',
      operationId: 'listAttachments',
      summary: "A case's attachments (metadata only), oldest first",
      tags: ['attachments'],
      auth: 'session',
      params: idParams,
      responses: { 200: { description: 'Attachments', schema: { type: 'array', items: attachmentSchema } }, 404: { description: 'No such case within reach' } },
      async handler({ principal, em, params }) {
        return { body: await attachments.list(em, principal!, params.id) };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/attachments/:id',
      operationId: 'downloadAttachment',
      summary: 'Download an attachment (audited); the ETag is its SHA-256',
      tags: ['attachments'],
      auth: 'session',
      params: idParams,
      responses: {
        200: { description: `The file, with its stored Content-Type (one of ${Object.keys(ALLOWED_ATTACHMENT_TYPES).join(', ')})`, contentType: 'application/octet-stream', schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
        404: { description: 'No such attachment, or its case is out of reach' },
      },
      async handler({ principal, em, params }) {
        const { attachment, content } = await attachments.download(em, principal!, params.id);
        return {
          body: content,
          headers: {
            'Content-Type': attachment.contentType,
            'Content-Disposition': contentDisposition(attachment.fileName),
            'X-Content-Type-Options': 'nosniff',
            ETag: `"${attachment.sha256}"`,
          },
        };
      },
    }),
  ];
}
