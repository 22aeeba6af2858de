import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DepartmentKind } from '../org/department.entity';
import { ROLES, type Role } from '../org/membership.entity';
import { createAjv } from '../../forms/ajv-factory';

/** A department as a pack declares it; codes are what BPMN candidate rules refer to. */
export interface PackDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
}

/** A form of the pack: its JSON Schema and optional UI schema, as files relative to the pack folder. */
export interface PackForm {
  key: string;
  title: string;
  schema: string;
  ui?: string;
}

/** A procedure of the pack: one BPMN file whose executable process id is `key`. */
export interface PackProcedure {
  key: string;
  title: string;
  file: string;
  legalBasis?: string;
}

/** The display name (and legal basis) a pack gives to one of the platform's fixed roles. */
export interface PackRole {
  code: Role;
  name: string;
  legalBasis?: string;
}

/**
 * pack.json: the law as data. Everything jurisdiction-specific (names,
 * departments, validity, calendars, procedures) lives in a pack, never in
 * platform code. Later issues add procedures, forms and roles to it.
 */
export interface PackManifest {
  id: string;
  title: string;
  documentNumber: string;
  jurisdiction: { code: string; name: string };
  validity: { from?: string; to?: string };
  tenant: { code: string; name: string };
  /** Path of the default working-day calendar, relative to the pack folder. */
  defaultCalendar?: string;
  departments: PackDepartment[];
  roles?: PackRole[];
  /** Deadline card colours for tasks whose diagram sets none: yellow and red at these fractions of the time. */
  warningThresholds?: { yellow: number; red: number };
  forms?: PackForm[];
  procedures?: PackProcedure[];
  /** Channels by which a push obligation may be met when the platform cannot be used (e.g. 书面公函). */
  offlineDelivery?: PackOfflineDelivery;
  /** Which user tasks are claims (认领), for the periodic circular of push and claim status. */
  circular?: PackCircular;
  /** The procedure that public reports and suggestions start, and its abuse limits. */
  publicIntake?: PackPublicIntake;
  /** Who may see masked personal data in full; every reveal is audited. */
  personalData?: PackPersonalData;
}

export interface PackOfflineDelivery {
  channels: string[];
  legalBasis?: string;
}

export interface PackCircular {
  claimSteps: { procedure: string; elements: string[] }[];
  legalBasis?: string;
}

export interface PackPublicIntake {
  procedure: string;
  legalBasis?: string;
  /** The case variable holding the answer published to the submitter (default `replyContent`). */
  replyVariable?: string;
  /** Submissions accepted per client address; defaults: 5 an hour, 20 a day. */
  limits?: { perAddressPerHour: number; perAddressPerDay: number };
}

export interface PackPersonalData {
  revealRoles: Role[];
}

const code = { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' } as const;
const date = { type: 'string', format: 'date' } as const;
const relativePath = (suffix: string) => ({ type: 'string', pattern: `^(?!/)(?!.*\\.\\.)[A-Za-z0-9_./-]+${suffix}$` }) as const;
const processKey = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,99}$' } as const;

export const packManifestSchema = {
  $id: 'urn:platform:pack-manifest',
  type: 'object',
  required: ['id', 'title', 'documentNumber', 'jurisdiction', 'validity', 'tenant', 'departments'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: code,
    title: { type: 'string', minLength: 1, maxLength: 200 },
    documentNumber: { type: 'string', minLength: 1, maxLength: 100 },
    jurisdiction: {
      type: 'object',
      required: ['code', 'name'],
      additionalProperties: false,
      properties: { code: { type: 'string', pattern: '^[0-9]{6}$' }, name: { type: 'string', minLength: 1 } },
    },
    validity: { type: 'object', additionalProperties: false, properties: { from: date, to: date } },
    tenant: {
      type: 'object',
      required: ['code', 'name'],
      additionalProperties: false,
      properties: { code, name: { type: 'string', minLength: 1, maxLength: 200 } },
    },
    defaultCalendar: { type: 'string', pattern: '^[A-Za-z0-9_./-]+\\.json$' },
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'name'],
        additionalProperties: false,
        properties: { code: { enum: [...ROLES] }, name: { type: 'string', minLength: 1 }, legalBasis: { type: 'string' } },
      },
    },
    warningThresholds: {
      type: 'object',
      required: ['yellow', 'red'],
      additionalProperties: false,
      properties: { yellow: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, red: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } },
    },
    forms: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'title', 'schema'],
        additionalProperties: false,
        properties: { key: processKey, title: { type: 'string', minLength: 1 }, schema: relativePath('\\.schema\\.json'), ui: relativePath('\\.ui\\.json') },
      },
    },
    procedures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'title', 'file'],
        additionalProperties: false,
        properties: { key: processKey, title: { type: 'string', minLength: 1 }, file: relativePath('\\.bpmn'), legalBasis: { type: 'string' } },
      },
    },
    offlineDelivery: {
      type: 'object',
      required: ['channels'],
      additionalProperties: false,
      properties: {
        channels: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 50 } },
        legalBasis: { type: 'string' },
      },
    },
    circular: {
      type: 'object',
      required: ['claimSteps'],
      additionalProperties: false,
      properties: {
        claimSteps: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['procedure', 'elements'],
            additionalProperties: false,
            properties: { procedure: processKey, elements: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, maxLength: 100 } } },
          },
        },
        legalBasis: { type: 'string' },
      },
    },
    publicIntake: {
      type: 'object',
      required: ['procedure'],
      additionalProperties: false,
      properties: {
        procedure: processKey,
        legalBasis: { type: 'string' },
        replyVariable: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,99}$' },
        limits: {
          type: 'object',
          required: ['perAddressPerHour', 'perAddressPerDay'],
          additionalProperties: false,
          properties: { perAddressPerHour: { type: 'integer', minimum: 1, maximum: 1000 }, perAddressPerDay: { type: 'integer', minimum: 1, maximum: 10000 } },
        },
      },
    },
    personalData: {
      type: 'object',
      required: ['revealRoles'],
      additionalProperties: false,
      properties: { revealRoles: { type: 'array', uniqueItems: true, items: { enum: [...ROLES] } } },
    },
    departments: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'name', 'kind'],
        additionalProperties: false,
        properties: {
          code,
          name: { type: 'string', minLength: 1, maxLength: 200 },
          kind: { enum: ['approval_bureau', 'supervising', 'other'] },
        },
      },
    },
  },
} as const;

/** Thrown when a pack folder is missing pieces or its pack.json breaks the schema; lists every problem. */
export class PackInvalidError extends Error {
  constructor(readonly packDir: string, readonly problems: string[]) {
    super(`Pack ${packDir} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PackInvalidError';
  }
}

/** Check a parsed pack.json against the schema and the rules a schema cannot express. */
export function validatePackManifest(json: unknown, packDir: string): PackManifest {
  const validate = createAjv().compile<PackManifest>(packManifestSchema);
  if (!validate(json)) {
    throw new PackInvalidError(packDir, (validate.errors ?? []).map((e) => `pack.json${e.instancePath}: ${e.message ?? 'invalid'}`));
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of json.departments) {
    if (seen.has(d.code)) problems.push(`department code "${d.code}" appears twice`);
    seen.add(d.code);
  }
  if (json.departments.filter((d) => d.kind === 'approval_bureau').length !== 1) {
    problems.push('exactly one department must be of kind "approval_bureau"');
  }
  for (const [what, list] of [['form', json.forms ?? []], ['procedure', json.procedures ?? []], ['role', (json.roles ?? []).map((r) => ({ key: r.code }))]] as const) {
    const keys = list.map((x) => x.key);
    for (const dup of keys.filter((k, i) => keys.indexOf(k) !== i)) problems.push(`${what} "${dup}" appears twice`);
  }
  if (json.warningThresholds && json.warningThresholds.yellow > json.warningThresholds.red) {
    problems.push(`warningThresholds.yellow ${json.warningThresholds.yellow} is above red ${json.warningThresholds.red}`);
  }
  if (json.validity.from && json.validity.to && json.validity.from > json.validity.to) {
    problems.push(`validity.from ${json.validity.from} is after validity.to ${json.validity.to}`);
  }
  const procedureKeys = new Set((json.procedures ?? []).map((p) => p.key));
  const referenced = [...(json.circular?.claimSteps ?? []).map((c) => ['circular.claimSteps', c.procedure]), ...(json.publicIntake ? [['publicIntake', json.publicIntake.procedure]] : [])];
  for (const [where, key] of referenced) {
    if (!procedureKeys.has(key!)) problems.push(`${where} names procedure "${key}", which the pack does not list`);
  }
  if (problems.length) throw new PackInvalidError(packDir, problems);
  return json;
}

/** Read and validate `<packDir>/pack.json`. */
export async function loadPackManifest(packDir: string): Promise<PackManifest> {
  const file = path.join(packDir, 'pack.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PackInvalidError(packDir, [`cannot read ${file}: ${(err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PackInvalidError(packDir, [`pack.json is not valid JSON: ${(err as Error).message}`]);
  }
  return validatePackManifest(json, packDir);
}
