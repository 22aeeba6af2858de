import { localDateOf } from '../../domain/pack/pack-validity';
import { expiryWarnings } from '../../engine/definitions/expiry-warnings';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const date: JsonSchema = { type: 'string', format: 'date' };
const warningsSchema: JsonSchema = {
  type: 'object',
  required: ['today', 'warnings'],
  properties: {
    today: date,
    warnings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['scope', 'processKey', 'name', 'effectiveTo', 'daysLeft', 'level'],
        properties: {
          scope: { type: 'string', enum: ['pack', 'procedure'] },
          processKey: { type: ['string', 'null'], description: 'null for the pack' },
          name: { type: 'string' },
          effectiveTo: { ...date, description: 'Last local date on which new cases may start' },
          daysLeft: { type: 'integer', description: '0 on the last day, negative once it has passed' },
          level: { type: 'string', enum: ['60', '30', '7', 'expired'] },
        },
      },
    },
  },
};

/**
 * What stops accepting new cases soon, for every logged-in user of the
 * county: staff need to know a procedure is about to stop as much as admins
 * do (the runtime banner), and the designer lists the same items.
 */
export function validityWarningRoutes(deps: Pick<AppDeps, 'clock'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/validity/warnings',
      operationId: 'getValidityWarnings',
      summary: 'The pack and procedures that stop accepting new cases within 60 days, or already have (60/30/7/expired)',
      tags: ['validity'],
      auth: 'session',
      responses: { 200: { description: 'Expiry warnings', schema: warningsSchema } },
      async handler({ principal, em }) {
        const now = deps.clock.now();
        return { body: { today: localDateOf(now), warnings: await expiryWarnings(em, principal!.tenantId, now) } };
      },
    }),
  ];
}
