/**
 * The format of a pack's executable scenarios (definitions/<pack>/scenarios/*.json):
 * given a start, a list of steps that act ("when") or check ("then").
 * Dates are local to the tenant's calendar zone; `dueDate` names the day a
 * deadline ends at 24:00.
 */
const login = { type: 'string', minLength: 1 } as const;
const taskRef = {
  type: 'object',
  required: ['element'],
  properties: {
    element: { type: 'string' },
    /** Candidate department code, to pick one instance of a multi-instance task. */
    department: { type: 'string' },
  },
} as const;

export const scenarioSchema = {
  $id: 'urn:platform:pack-scenario',
  type: 'object',
  required: ['title', 'procedure', 'given', 'steps'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    title: { type: 'string', minLength: 1 },
    procedure: { type: 'string', minLength: 1 },
    legalBasis: { type: 'string' },
    given: {
      type: 'object',
      required: ['at', 'startedBy', 'variables'],
      additionalProperties: false,
      properties: {
        at: { type: 'string', format: 'date-time' },
        startedBy: login,
        variables: { type: 'object' },
        message: { type: 'string' },
        /** The county has granted 延期适用 for the procedure until `to` (a scenario set after the pack's sunset says so explicitly). */
        extension: {
          type: 'object',
          required: ['to', 'reason'],
          additionalProperties: false,
          properties: { to: { type: 'string', format: 'date' }, reason: { type: 'string', minLength: 1 } },
        },
      },
    },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        oneOf: [
          {
            type: 'object',
            required: ['when'],
            additionalProperties: false,
            properties: {
              note: { type: 'string' },
              when: {
                type: 'object',
                minProperties: 1,
                maxProperties: 1,
                additionalProperties: false,
                properties: {
                  claim: { ...taskRef, properties: { ...taskRef.properties, as: login }, required: ['element', 'as'], additionalProperties: false },
                  complete: { ...taskRef, properties: { ...taskRef.properties, as: login, data: { type: 'object' } }, required: ['element', 'as', 'data'], additionalProperties: false },
                  return: { ...taskRef, properties: { ...taskRef.properties, as: login, reason: { type: 'string', minLength: 1 } }, required: ['element', 'as', 'reason'], additionalProperties: false },
                  completeRejected: {
                    ...taskRef,
                    properties: { ...taskRef.properties, as: login, data: { type: 'object' }, status: { type: 'integer' } },
                    required: ['element', 'as', 'data', 'status'],
                    additionalProperties: false,
                  },
                  advanceTo: { type: 'string', format: 'date-time' },
                  message: {
                    type: 'object',
                    required: ['name'],
                    additionalProperties: false,
                    properties: { name: { type: 'string' }, correlationKey: { type: ['string', 'null'] }, variables: { type: 'object' } },
                  },
                },
              },
            },
          },
          {
            type: 'object',
            required: ['then'],
            additionalProperties: false,
            properties: {
              note: { type: 'string' },
              then: {
                type: 'object',
                minProperties: 1,
                additionalProperties: false,
                properties: {
                  case: { type: 'object', additionalProperties: false, properties: { status: { enum: ['active', 'completed', 'terminated', 'failed'] }, variables: { type: 'object' } } },
                  tasks: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['element', 'status'],
                      additionalProperties: false,
                      properties: {
                        element: { type: 'string' },
                        department: { type: 'string' },
                        status: { enum: ['open', 'claimed', 'completed', 'returned', 'cancelled'] },
                        dueDate: { type: ['string', 'null'], format: 'date' },
                        legalBasis: { type: 'string' },
                      },
                    },
                  },
                  notifications: {
                    type: 'array',
                    items: { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { type: 'string' }, department: { type: 'string' }, titleContains: { type: 'string' } } },
                  },
                  linkedCases: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['procedure', 'kind', 'count'],
                      additionalProperties: false,
                      properties: { procedure: { type: 'string' }, kind: { enum: ['call', 'push', 'message'] }, count: { type: 'integer', minimum: 0 } },
                    },
                  },
                  creditRecords: { type: 'integer', minimum: 0 },
                  reports: { type: 'integer', minimum: 0 },
                },
              },
            },
          },
        ],
      },
    },
  },
} as const;

export interface TaskRef {
  element: string;
  department?: string;
}

export type ScenarioStep =
  | {
      note?: string;
      when:
        | { claim: TaskRef & { as: string } }
        | { complete: TaskRef & { as: string; data: Record<string, unknown> } }
        | { return: TaskRef & { as: string; reason: string } }
        | { completeRejected: TaskRef & { as: string; data: Record<string, unknown>; status: number } }
        | { advanceTo: string }
        | { message: { name: string; correlationKey?: string | null; variables?: Record<string, unknown> } };
    }
  | {
      note?: string;
      then: {
        case?: { status?: string; variables?: Record<string, unknown> };
        tasks?: { element: string; department?: string; status: string; dueDate?: string | null; legalBasis?: string }[];
        notifications?: { kind: string; department?: string; titleContains?: string }[];
        linkedCases?: { procedure: string; kind: 'call' | 'push' | 'message'; count: number }[];
        creditRecords?: number;
        reports?: number;
      };
    };

export interface Scenario {
  title: string;
  procedure: string;
  legalBasis?: string;
  given: { at: string; startedBy: string; variables: Record<string, unknown>; message?: string; extension?: { to: string; reason: string } };
  steps: ScenarioStep[];
}
