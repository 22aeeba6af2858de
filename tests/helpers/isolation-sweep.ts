import { MARK, PDF, simpleProcedure, type CountyIds } from './isolation-county';
import { PUSH_PROCEDURE } from './case-api-fixture';

/**
 * The isolation sweep's calls, one list per route (`METHOD /path`), made by
 * county A's users with county B's ids and keys substituted for the route's
 * parameters. `refused` marks a call carrying B's id where any success would
 * be a leak: it must end in 403, 404 or 422. Keys (procedure, form,
 * calendar) are the same in both counties, so with a shared key A works on
 * its own data and the sweep checks that nothing of B comes back or changes.
 */
export interface SweepCall {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** A raw upload (attachments, pack zips) instead of a JSON body. */
  raw?: { type: string; data: Buffer };
  refused?: boolean;
}

/** B's rows that have no fixed place in CountyIds: every case, task and notification, so each GET tries them all. */
export interface SweepExtras {
  bCases: string[];
  bTasks: string[];
  bNotifications: string[];
  /** County A's own pack export, imported back as a dry run. */
  aZip: Buffer;
  /** The national calendar as a document, for calendar replacement bodies. */
  calendarData: Record<string, unknown>;
}

const range = { from: '2024-03-01', to: '2024-03-31' };
const scanVars = (department: string) => ({ procedure: 'push', department, variables: { itemName: '扫描', legalDocNumber: '测行审〔2024〕5号', counterpartyName: '扫描店', targetDepartment: 'market' } });
const plan = { fromVersion: 1, toVersion: 2, mapping: { check: 'review' } };
const extension = { extendedTo: '2027-06-30', reason: '扫描延期' };
const offline = { channel: '书面公函', documentNumber: '扫描函〔2024〕1号', deliveredOn: '2024-03-04', data: { opinion: '扫描意见' } };
const formBody = { title: '扫描表单', schema: { type: 'object', properties: { y: { type: 'string' } } } };
const each = (ids: string[], call: (id: string) => SweepCall) => ids.map(call);

/** Every route's calls. Ordered as apiRoutes lists them; the test sweeps staff, then leader, then admin. */
export function sweepCalls(a: CountyIds, b: CountyIds, x: SweepExtras): Record<string, SweepCall[]> {
  const cal = 'cn-statutory';
  return {
    'GET /api/health': [{}],
    'POST /api/session': [{ body: { tenant: a.code, login: 'nobody-here', password: 'not-the-password' } }],
    'DELETE /api/session': [{}],
    'GET /api/me': [{}],
    'GET /api/session': [{}],
    'GET /api/session/tenants': [{}],

    'GET /api/departments': [{}],
    'GET /api/departments/:id/liaisons': [{ params: { id: b.departments.market! }, refused: true }],
    'POST /api/departments/:id/liaisons': [
      { params: { id: b.departments.market! }, body: { userId: b.users['market-staff'], note: '扫描备案' }, refused: true },
      { params: { id: a.departments.market! }, body: { userId: b.users['market-staff'], note: '扫描备案' }, refused: true },
    ],
    'POST /api/liaison-designations/:id/end': [{ params: { id: b.liaisonDesignationId }, body: { reason: '扫描' }, refused: true }],

    'GET /api/calendars': [{}],
    'GET /api/calendar-warnings': [{}],
    'GET /api/calendars/:key': [{ params: { key: cal } }, { params: { key: 'b-only-cal' } }, { params: { key: cal }, query: { version: 1 } }],
    'GET /api/calendars/:key/versions': [{ params: { key: cal } }, { params: { key: 'b-only-cal' } }],
    'GET /api/calendars/:key/due': [{ params: { key: cal }, query: { duration: '3WD' } }, { params: { key: 'b-only-cal' }, query: { duration: '3WD' } }],
    'PUT /api/calendars/:key': [
      { params: { key: 'b-only-cal' }, body: { expectedVersion: 1, note: '扫描', data: { ...x.calendarData, id: 'b-only-cal' } } },
      { params: { key: cal }, body: { expectedVersion: 1, note: '扫描', data: x.calendarData } },
    ],
    'PUT /api/calendars/:key/years/:year': [{ params: { key: 'b-only-cal', year: 2024 }, body: { expectedVersion: 1, note: '扫描', holidays: [], workdays: [] } }],
    'POST /api/calendars/:key/days': [{ params: { key: 'b-only-cal' }, body: { expectedVersion: 1, note: '扫描', kind: 'holiday', date: '2024-12-30', name: '扫描', source: '扫描' } }],

    'GET /api/procedures': [{}],
    'POST /api/cases': [{ body: scanVars(b.departments.bureau!), refused: true }, { body: { procedure: 'b-only', variables: {} }, refused: true }],
    'GET /api/cases': [
      { query: { pageSize: 100 } },
      { query: { department: b.departments.market! } },
      { query: { counterparty: MARK } },
      { query: { documentNumber: b.documentNumber } },
      { query: { identifier: b.idNumber } },
      { query: { procedure: 'b-only' } },
    ],
    'GET /api/cases/:id': each(x.bCases, (id) => ({ params: { id }, refused: true })),
    'GET /api/cases/:id/timeline': each(x.bCases, (id) => ({ params: { id }, query: { detail: 'full' }, refused: true })),
    'POST /api/cases/:id/reveal': [{ params: { id: b.pushCases[0]! }, body: { reason: '核实相对人信息' }, refused: true }],

    'GET /api/inbox': ['to-claim', 'mine', 'due-soon', 'overdue', 'done'].map((view) => ({ query: { view, pageSize: 100 } })),
    'GET /api/inbox/counts': [{}],
    'GET /api/tasks/:id': each(x.bTasks, (id) => ({ params: { id }, refused: true })),
    'GET /api/tasks/:id/delegates': [{ params: { id: b.openTask }, refused: true }],
    'POST /api/tasks/:id/claim': [{ params: { id: b.openTask }, refused: true }],
    'POST /api/tasks/:id/unclaim': [{ params: { id: b.delegatedTask }, refused: true }],
    'POST /api/tasks/:id/complete': [{ params: { id: b.openTask }, body: { data: { opinion: '扫描意见' } }, refused: true }],
    'POST /api/tasks/:id/return': [{ params: { id: b.openTask }, body: { reason: '扫描退回' }, refused: true }],
    'POST /api/tasks/:id/delegate': [
      { params: { id: b.openTask }, body: { userId: b.users['market-liaison'] }, refused: true },
      { params: { id: a.openTask }, body: { userId: b.users['market-liaison'] }, refused: true },
    ],
    'POST /api/tasks/:id/offline-delivery': [
      { params: { id: b.openTask }, body: offline, refused: true },
      { params: { id: a.openTask }, body: { ...offline, attachmentId: b.attachmentId }, refused: true },
    ],
    'PUT /api/tasks/:id/draft': [{ params: { id: b.delegatedTask }, body: { data: { opinion: '扫描' } }, refused: true }],

    'GET /api/notifications': [{}, { query: { unread: true, limit: 100 } }],
    'POST /api/notifications/:id/read': each(x.bNotifications, (id) => ({ params: { id }, refused: true })),
    'POST /api/notifications/read-all': [{}],
    'GET /api/audit/verify': [{}],

    'POST /api/cases/:id/attachments': [
      { params: { id: b.pushCases[0]! }, query: { fileName: 'scan.pdf' }, raw: { type: 'application/pdf', data: PDF }, refused: true },
      { params: { id: a.pushCases[0]! }, query: { fileName: 'scan.pdf', taskId: b.completedTask }, raw: { type: 'application/pdf', data: PDF }, refused: true },
    ],
    'GET /api/cases/:id/attachments': [{ params: { id: b.pushCases[0]! }, refused: true }],
    'GET /api/attachments/:id': [{ params: { id: b.attachmentId }, refused: true }],

    'GET /api/statistics/circular': [{ query: range }, { query: { ...range, department: 'market' } }, { query: { ...range, department: b.departments.market! }, refused: true }],
    'GET /api/statistics/circular/trend': [{ query: { fromMonth: '2024-01', toMonth: '2024-03' } }, { query: { fromMonth: '2024-03', toMonth: '2024-03', department: b.departments.market! }, refused: true }],
    'GET /api/statistics/circular/export': [
      { query: { format: 'csv', ...range } },
      { query: { format: 'xlsx', ...range } },
      { query: { format: 'xlsx', ...range, department: b.departments.market! }, refused: true },
    ],

    'GET /api/public/:tenant/intake-form': [{ params: { tenant: a.code } }],
    'POST /api/public/:tenant/submissions': [{ params: { tenant: a.code }, body: { kind: '意见建议', content: '扫描建议' } }],
    // A receipt code is per county: B's code looked up under A's county finds nothing.
    'GET /api/public/:tenant/submissions/:receiptCode': [{ params: { tenant: a.code, receiptCode: b.receiptCode }, refused: true }],

    'GET /api/forms/:key': [{ params: { key: 'push-record' } }, { params: { key: 'report-start' }, query: { version: 1 } }, { params: { key: 'b-only-form' } }],
    'GET /api/validity/warnings': [{}],

    'GET /api/admin/users': [{}],
    'POST /api/admin/users': [{ body: { login: 'scan-user', displayName: '扫描用户', password: 'scan-password-123', memberships: [{ departmentId: b.departments.market, role: 'staff' }] }, refused: true }],
    'PATCH /api/admin/users/:id': [{ params: { id: b.users['market-staff']! }, body: { displayName: '扫描改名', active: false, password: 'scan-password-123' }, refused: true }],
    'PUT /api/admin/users/:id/memberships': [
      { params: { id: b.users['market-staff']! }, body: { memberships: [{ departmentId: b.departments.health, role: 'admin' }] }, refused: true },
      { params: { id: a.users['market-staff']! }, body: { memberships: [{ departmentId: b.departments.market, role: 'staff' }] }, refused: true },
    ],
    'POST /api/admin/departments': [{ body: { code: 'scan-dept', name: '扫描部门', kind: 'other' } }],
    'PATCH /api/admin/departments/:id': [{ params: { id: b.departments.market! }, body: { name: '扫描改名' }, refused: true }],

    'GET /api/admin/pack': [{}],
    'GET /api/admin/pack/export': [{}],
    'POST /api/admin/pack/import': [{ query: { dryRun: true }, raw: { type: 'application/zip', data: x.aZip } }],

    'GET /api/admin/procedures': [{}],
    'GET /api/admin/procedures/:key/versions/:version': [{ params: { key: 'push', version: 1 } }, { params: { key: 'b-only', version: 1 } }],
    'GET /api/admin/procedures/:key/draft': ['push', 'draft-only', 'b-only'].map((key) => ({ params: { key } })),
    'PUT /api/admin/procedures/:key/draft': [{ params: { key: 'b-only' }, body: { xml: simpleProcedure('b-only', '扫描流程') } }],
    'DELETE /api/admin/procedures/:key/draft': ['b-only', 'draft-only', 'push'].map((key) => ({ params: { key } })),
    'POST /api/admin/procedures/validate': [{ body: { xml: simpleProcedure('b-only', '扫描流程') } }],
    'POST /api/admin/procedures/:key/publish': [{ params: { key: 'push' }, body: { xml: PUSH_PROCEDURE } }, { params: { key: 'b-only' }, body: { xml: simpleProcedure('b-only', '扫描流程') } }],
    'GET /api/admin/actions': [{}],
    'GET /api/admin/lint-context': [{}],

    'GET /api/admin/forms': [{}],
    'GET /api/admin/forms/:key/versions/:version': [{ params: { key: 'push-record', version: 1 } }, { params: { key: 'b-only-form', version: 1 } }],
    'POST /api/admin/forms/:key/check': [{ params: { key: 'b-only-form' }, body: formBody }],
    'POST /api/admin/forms/:key/publish': [{ params: { key: 'b-only-form' }, body: formBody }],

    'GET /api/admin/validity': [{}],
    'POST /api/admin/procedures/:key/extensions': [{ params: { key: 'push' }, body: extension }, { params: { key: 'b-only' }, body: { ...extension, extendedTo: '2027-09-30' } }],
    'POST /api/admin/pack/extensions': [{ body: extension }],

    'GET /api/admin/pack/revisions': [{}],
    'POST /api/admin/pack/revisions': [{ body: { label: '扫描修订', effectiveFrom: '2027-08-01' } }],
    'POST /api/admin/pack/revisions/:id/publish': [{ params: { id: b.revisionId }, refused: true }],
    'DELETE /api/admin/pack/revisions/:id': [{ params: { id: b.revisionId }, refused: true }],

    'GET /api/admin/procedures/:key/migrations/proposal': [{ params: { key: 'filing' }, query: { from: 1, to: 2 } }],
    'POST /api/admin/procedures/:key/migrations/dry-run': [{ params: { key: 'filing' }, body: plan }],
    'POST /api/admin/procedures/:key/migrations': [{ params: { key: 'filing' }, body: plan }],
    'GET /api/admin/procedures/:key/migrations': [{ params: { key: 'filing' } }],
    'GET /api/admin/migrations/:id': [{ params: { id: b.planId }, refused: true }],

    // Installation-wide by design, for platform administrators only; no county's own users (these) may call them.
    'GET /api/platform/packs': [{ refused: true }],
    'GET /api/platform/tenants': [{ refused: true }],
    'POST /api/platform/tenants': [{ body: { pack: 'test-pack', code: b.code, name: '扫描县', adminPassword: 'scan-password-123' }, refused: true }],

    'GET /api/openapi.json': [{}],
  };
}
