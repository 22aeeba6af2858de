import { api, qs } from '../../../../runtime-ui/src/api/client';

/**
 * The running-case migration routes (issue 9) as typed calls, so the
 * proposal, dry run, run and progress views agree with the server on one
 * shape. Every route is admin-only and scoped by the procedure key.
 */

/** A flow node of one version that a token can wait on, or a scope holding such nodes. */
export interface MigrationNode {
  id: string;
  name: string | null;
  type: string;
}

/** Source element id → target element id; null means "no counterpart" (the case is blocked if a token waits there). */
export type ElementMapping = Record<string, string | null>;

/** What the server proposes for moving cases from one version to another. */
export interface MigrationProposal {
  processKey: string;
  fromVersion: number;
  toVersion: number;
  source: MigrationNode[];
  target: MigrationNode[];
  mapping: ElementMapping;
  diff: { added: string[]; removed: string[]; changed: string[] };
  runningCases: number;
}

/** What the admin asks for: the same body for the dry run and the run. */
export interface MigrationRequest {
  fromVersion: number;
  toVersion: number;
  mapping: ElementMapping;
  recomputeDeadlines: boolean;
}

/** One running case as the dry run judges it. */
export interface DryRunCase {
  caseId: string;
  title: string;
  startedAt: string;
  migratable: boolean;
  /** Why it cannot move (sentences), empty when it can. */
  reasons: string[];
  moves: { from: string; to: string }[];
}

export interface DryRunResult {
  summary: { total: number; migratable: number; blocked: number };
  cases: DryRunCase[];
}

export type PlanStatus = 'running' | 'done';
export type PlanCaseStatus = 'pending' | 'migrated' | 'failed' | 'skipped';

export interface PlanProgress {
  total: number;
  pending: number;
  migrated: number;
  failed: number;
  skipped: number;
}

/** A migration batch as listed in the history. */
export interface MigrationPlanSummary {
  id: string;
  processKey: string;
  fromVersion: number;
  toVersion: number;
  mapping: ElementMapping;
  recomputeDeadlines: boolean;
  status: PlanStatus;
  createdAt: string;
  createdBy: string | null;
  finishedAt?: string | null;
  progress: PlanProgress;
}

export interface PlanCase {
  caseId: string;
  title: string;
  status: PlanCaseStatus;
  reason: string | null;
  at: string | null;
}

/** A batch with the outcome for each of its cases. */
export interface MigrationPlan extends MigrationPlanSummary {
  cases: PlanCase[];
}

const enc = encodeURIComponent;
const base = (key: string) => `/api/admin/procedures/${enc(key)}/migrations`;

export const migrationApi = {
  proposal: (key: string, from: number, to: number) => api.get<MigrationProposal>(`${base(key)}/proposal${qs({ from, to })}`),
  dryRun: (key: string, body: MigrationRequest) => api.post<DryRunResult>(`${base(key)}/dry-run`, body),
  /** Starts the batch (background jobs); answers at once with the plan. */
  run: (key: string, body: MigrationRequest) => api.post<MigrationPlanSummary>(base(key), body),
  plan: (id: string) => api.get<MigrationPlan>(`/api/admin/migrations/${enc(id)}`),
  plans: async (key: string) => (await api.get<{ plans: MigrationPlanSummary[] }>(base(key))).plans,
};

/** How far a batch is, in percent of its cases that are no longer pending. */
export function percentDone(progress: PlanProgress): number {
  if (progress.total === 0) return 100;
  return Math.round(((progress.total - progress.pending) / progress.total) * 100);
}
