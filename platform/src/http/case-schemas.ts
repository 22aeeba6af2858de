import type { JsonSchema } from './route-definition';

/** Schemas of the case and task API, shared by routes and the OpenAPI document. */

const nullableString: JsonSchema = { type: ['string', 'null'] };
const ref = (props: Record<string, JsonSchema>, required = Object.keys(props)): JsonSchema => ({ type: 'object', required, properties: props });
const named = ref({ id: { type: 'string' }, name: { type: 'string' } });

export const pagingQuery: Record<string, JsonSchema> = {
  page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
};

export const pageOf = (item: JsonSchema): JsonSchema =>
  ref({ items: { type: 'array', items: item }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } });

export const headlineProps: Record<string, JsonSchema> = {
  counterparty: nullableString,
  documentNumber: nullableString,
  identifier: { type: ['string', 'null'], description: 'Masked: an identifier is never listed in full.' },
};

export const caseListItemSchema = ref({
  id: { type: 'string', format: 'uuid' },
  procedure: ref({ key: { type: 'string' }, name: { type: 'string' } }),
  status: { enum: ['active', 'completed', 'terminated', 'failed'] },
  startedAt: { type: 'string', format: 'date-time' },
  endedAt: nullableString,
  department: { oneOf: [named, { type: 'null' }] },
  ...headlineProps,
  nextDueAt: nullableString,
  overdue: { type: 'boolean' },
});

export const taskViewSchema = ref(
  {
    id: { type: 'string', format: 'uuid' },
    caseId: { type: 'string', format: 'uuid' },
    elementId: { type: 'string' },
    name: { type: 'string' },
    status: { enum: ['open', 'claimed', 'completed', 'returned', 'cancelled'] },
    candidateDepartments: { type: 'array', items: named },
    candidateRoles: { type: 'array', items: { type: 'string' } },
    assignee: { oneOf: [named, { type: 'null' }] },
    formKey: { type: 'string' },
    formVersion: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    claimedAt: nullableString,
    completedAt: nullableString,
    dueAt: nullableString,
    stage: { enum: ['normal', 'yellow', 'red', 'overdue', null] },
    remainingWorkingDays: { type: ['integer', 'null'] },
    metDeadline: { type: ['boolean', 'null'] },
    legalBasis: nullableString,
    returnReason: nullableString,
    deliveryChannel: nullableString,
    version: { type: 'integer' },
  },
  ['id', 'caseId', 'name', 'status', 'dueAt', 'stage', 'version'],
);

export const inboxItemSchema: JsonSchema = {
  allOf: [taskViewSchema, ref({ procedure: ref({ key: { type: 'string' }, name: { type: 'string' } }), case: ref(headlineProps) })],
};

export const timelineLineSchema = ref(
  {
    seq: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string' },
    action: { type: 'string' },
    text: { type: 'string' },
    legalBasis: nullableString,
    elementId: nullableString,
    taskId: nullableString,
    important: { type: 'boolean' },
  },
  ['seq', 'at', 'actor', 'action', 'text', 'legalBasis'],
);

export const caseDetailSchema = ref(
  {
    id: { type: 'string', format: 'uuid' },
    procedure: ref({ key: { type: 'string' }, name: { type: 'string' }, version: { type: 'integer' }, legalBasis: nullableString }),
    status: { enum: ['active', 'completed', 'terminated', 'failed'] },
    startedAt: { type: 'string', format: 'date-time' },
    endedAt: nullableString,
    startedBy: { oneOf: [named, { type: 'null' }] },
    department: { oneOf: [named, { type: 'null' }] },
    variables: { type: 'object', description: 'Personal data masked; see maskedFields.' },
    maskedFields: { type: 'array', items: { type: 'string', description: 'JSON pointer into variables' } },
    canReveal: { type: 'boolean' },
    tasks: { type: 'array', items: taskViewSchema },
    links: { type: 'array', items: { type: 'object' } },
    offlineDeliveries: { type: 'array', items: { type: 'object' } },
    attachments: { type: 'array', items: { type: 'object' } },
    version: { type: 'integer' },
  },
  ['id', 'procedure', 'status', 'variables', 'maskedFields', 'tasks', 'links', 'version'],
);

/** `version` in a command body: the task version the caller loaded (alternative to If-Match). */
export const versionField: JsonSchema = { type: 'integer', minimum: 0, description: 'The task version you loaded; a different current version is a 409.' };
