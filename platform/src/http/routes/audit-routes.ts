import { verifyAuditChain } from '../../domain/audit/verify-audit-chain';
import { defineRoute, type RouteDef } from '../route-definition';

/** Audit chain verification for a county's admins, without shell access to the server. */
export function auditRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      operationId: 'verifyAuditChain',
      summary: "Recompute the county's audit hash chain and report the first broken row",
      tags: ['audit'],
      auth: { roles: ['admin'] },
      responses: {
        200: {
          description: 'Verification result',
          schema: {
            type: 'object',
            required: ['ok', 'rowsChecked'],
            properties: {
              ok: { type: 'boolean' },
              rowsChecked: { type: 'integer' },
              firstBroken: { type: 'object', properties: { id: { type: 'string' }, seq: { type: 'integer' }, reason: { type: 'string' } } },
            },
          },
        },
      },
      async handler({ principal, em }) {
        const { ok, rowsChecked, firstBroken } = await verifyAuditChain(em, principal!.tenantId);
        return { body: { ok, rowsChecked, ...(firstBroken ? { firstBroken } : {}) } };
      },
    }),
  ];
}
