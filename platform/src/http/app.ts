import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './app-deps';
import { errorHandler } from './middleware/error-handler';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { serveUi } from './middleware/serve-ui';
import { mountRoutes } from './mount-routes';
import { buildOpenApi } from './openapi';
import { defineRoute, type RouteDef } from './route-definition';
import { adminFormRoutes } from './routes/admin-form-routes';
import { adminOrgRoutes } from './routes/admin-org-routes';
import { adminPackRoutes } from './routes/admin-pack-routes';
import { adminProcedureRoutes, procedureBodyParser } from './routes/admin-procedure-routes';
import { adminMigrationRoutes } from './routes/admin-migration-routes';
import { adminRevisionRoutes } from './routes/admin-revision-routes';
import { adminValidityRoutes } from './routes/admin-validity-routes';
import { attachmentRoutes } from './routes/attachment-routes';
import { auditRoutes } from './routes/audit-routes';
import { calendarRoutes } from './routes/calendar-routes';
import { caseDetailRoutes } from './routes/case-detail-routes';
import { caseRoutes } from './routes/case-routes';
import { formRoutes } from './routes/form-routes';
import { healthRoutes } from './routes/health-routes';
import { notificationRoutes } from './routes/notification-routes';
import { orgRoutes } from './routes/org-routes';
import { platformTenantRoutes } from './routes/platform-tenant-routes';
import { publicRoutes } from './routes/public-routes';
import { sessionRoutes } from './routes/session-routes';
import { statisticsRoutes } from './routes/statistics-routes';
import { taskRoutes } from './routes/task-routes';
import { validityWarningRoutes } from './routes/validity-warning-routes';

/** Largest JSON body accepted; bigger ones get 413 before any parsing work. */
const JSON_LIMIT = '1mb';

/** Every API route, in one list: what is mounted is exactly what the OpenAPI document describes. */
export function apiRoutes(deps: AppDeps): RouteDef[] {
  const routes = [...healthRoutes(deps), ...sessionRoutes(deps), ...orgRoutes(deps), ...calendarRoutes(deps), ...caseRoutes(deps), ...caseDetailRoutes(deps), ...taskRoutes(deps), ...notificationRoutes(deps), ...auditRoutes(),
    ...attachmentRoutes(deps), ...statisticsRoutes(deps), ...publicRoutes(deps), ...formRoutes(deps), ...validityWarningRoutes(deps),
    ...adminOrgRoutes(deps), ...adminPackRoutes(deps), ...adminProcedureRoutes(deps), ...adminFormRoutes(deps), ...adminValidityRoutes(deps), ...adminRevisionRoutes(deps), ...adminMigrationRoutes(deps), ...platformTenantRoutes(deps)];
  const document = () => buildOpenApi(routes, { title: 'Case-management platform API', version: '0.1.0' });
  routes.push(
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This OpenAPI 3.1 document',
      tags: ['operations'],
      auth: 'public',
      responses: { 200: { description: 'The document', schema: { type: 'object' } } },
      async handler() {
        return { body: document() };
      },
    }),
  );
  return routes;
}

/**
 * Build the Koa application from its dependencies. Nothing here connects to
 * anything: the composition root (main.ts) or a test passes a ready ORM in.
 */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: deps.http.trustProxy });
  app.silent = true; // errors are logged by errorHandler, with request ids
  const router = new Router();
  mountRoutes(router, apiRoutes(deps), (em, token) => deps.auth.authenticate(em, token));
  app.use(requestContext(deps.orm, deps.logger));
  app.use(securityHeaders()); // outside the error handler, so problem responses get the headers too
  app.use(errorHandler(deps.logger));
  // The designer under /admin first, then the staff UI at the root.
  for (const ui of [serveUi(deps.http.adminUiDir, '/admin'), serveUi(deps.http.uiDir)]) if (ui) app.use(ui);
  app.use(procedureBodyParser()); // BPMN diagrams may exceed 1 MB: a larger limit for /api/admin/procedures only
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: JSON_LIMIT, encoding: 'utf-8' }));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}
