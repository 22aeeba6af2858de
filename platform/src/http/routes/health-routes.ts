import type { EntityManager } from '@mikro-orm/postgresql';
import { ServiceUnavailableError } from '../../errors/problem-error';
import type { AppDeps } from '../app-deps';
import { defineRoute, type RouteDef } from '../route-definition';

/** Liveness and database reachability, for load balancers and `npm start` smoke checks. */
export function healthRoutes(deps: Pick<AppDeps, 'databaseKind' | 'clock'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      summary: 'Is the server up and its database reachable?',
      tags: ['operations'],
      auth: 'public',
      responses: {
        200: {
          description: 'Healthy',
          schema: { type: 'object', required: ['status', 'database'], properties: { status: { const: 'ok' }, database: { enum: ['postgres', 'pglite'] }, time: { type: 'string' } } },
        },
        503: { description: 'The database is unreachable' },
      },
      async handler({ em }) {
        try {
          await (em as EntityManager).execute('select 1');
        } catch {
          throw new ServiceUnavailableError('The database does not answer.');
        }
        return { body: { status: 'ok', database: deps.databaseKind, time: deps.clock.now().toISOString() } };
      },
    }),
  ];
}
