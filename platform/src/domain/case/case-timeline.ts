import { buildSentenceContext, DEFAULT_ZONE, EN_SENTENCES, lookup, str, ZH_SENTENCES, zoneFormat, type SentenceTable } from './timeline-sentences';

/**
 * The case timeline: a case's audit events (subject {type: 'case'}) told as
 * sentences staff can read (`李四 认领了「认领审批信息」`), with the article
 * each step executes. Pure: the caller loads the events and the names; this
 * only words them.
 *
 * Events are told in the order given. Names a later event needs but does not
 * carry (task.claimed has no task name, timer.fired no timer name) are found in
 * the other events given, so pass the whole case history, or pass
 * `names.tasks`. Payloads are printed only through the known fields of each
 * action, so masking them beforehand is enough to keep personal data out.
 */

/** One audit_event row of a case. */
export interface TimelineEvent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  payload: Record<string, unknown>;
}

/** Display names the audit log stores only as ids. */
export interface TimelineNames {
  /** id → name; codes → name too, for case.pushed which records department codes. */
  departments: Map<string, string>;
  /** id → display name */
  users: Map<string, string>;
  /** processKey → process name, for "发起了「…」". */
  processes?: Map<string, string>;
  /** taskId → task name, for events outside the given slice of history. */
  tasks?: Map<string, string>;
  /** variable name → field title, for pii.revealed (e.g. FieldCatalog.titles). */
  fields?: Map<string, string>;
}

export interface TimelineLine {
  seq: number;
  at: string /* ISO */;
  actor: string;
  action: string;
  text: string /* zh-CN sentence */;
  legalBasis: string | null;
  elementId: string | null;
  taskId: string | null;
  important: boolean;
}

export interface TimelineOptions {
  /** `summary` (default) leaves out the engine's plumbing; `full` tells every event. */
  detail?: 'summary' | 'full';
  locale?: 'zh-CN' | 'en';
  /** Zone of printed dates; the tenant calendar's zone. Default Asia/Shanghai. */
  timeZone?: string;
}

/** What staff care about: case start/end, task hand-offs, deadlines firing, pushes, reveals, attachments. */
const IMPORTANT = new Set([
  'case.started', 'case.completed', 'case.terminated', 'case.failed', 'case.migrated',
  'task.created', 'task.claimed', 'task.completed', 'task.returned', 'task.delegated', 'task.offline_delivered',
  'timer.fired', 'boundary.triggered', 'case.pushed', 'pii.revealed', 'attachment.uploaded', 'attachment.downloaded',
]);
const PLUMBING = new Set(['message.subscribed', 'timer.armed', 'variables.set']);
const ELEMENT_ACTIONS = new Set(['element.activated', 'element.completed', 'element.cancelled']);

/**
 * Words a case's audit events. Summary detail drops element events of
 * gateways, events and user tasks (task.* lines tell those), message
 * subscriptions, timer arming and variable updates, and folds a timer.fired
 * into the boundary.triggered it caused, and tells a run of identical
 * unimportant lines (a step entered once per department) once; every
 * important line stays. An
 * unknown action gets a generic sentence rather than vanishing. Never throws.
 */
export function renderTimeline(events: TimelineEvent[], names: TimelineNames, options: TimelineOptions = {}): TimelineLine[] {
  const n: TimelineNames = isRecord(names) ? names : { departments: new Map(), users: new Map() };
  const list = (Array.isArray(events) ? events : []).filter((e): e is TimelineEvent => typeof e === 'object' && e !== null);
  const table = options.locale === 'en' ? EN_SENTENCES : ZH_SENTENCES;
  const summary = options.detail !== 'full';
  const dtf = zoneFormat(options.timeZone ?? DEFAULT_ZONE);
  const index = indexEvents(list);
  const lines: TimelineLine[] = [];
  for (const event of list) {
    try {
      const line = renderLine(event, { names: n, table, summary, dtf, index });
      // A multi-instance step (one per department) would repeat the same sentence: summary tells it once.
      const previous = lines.at(-1);
      if (line && summary && previous && !line.important && previous.action === line.action && previous.text === line.text) continue;
      if (line) lines.push(line);
    } catch {
      // An event whose very fields cannot be read (not audit data at all) is left out rather than failing the page.
    }
  }
  return lines;
}

interface RenderEnv {
  names: TimelineNames;
  table: SentenceTable;
  summary: boolean;
  dtf: Intl.DateTimeFormat;
  index: EventIndex;
}

function renderLine(event: TimelineEvent, { names, table, summary, dtf, index }: RenderEnv): TimelineLine | null {
  const payload = isRecord(event.payload) ? event.payload : {};
  const action = typeof event.action === 'string' ? event.action : String(event.action);
  const ref = str(payload.ref);
  const timer = ref ? index.timers.get(ref) : undefined;
  if (summary && isPlumbing(action, payload)) return null;
  if (summary && action === 'timer.fired' && timer && index.boundaries.has(`${instantMs(event.at)}|${timer.elementId}`)) return null;
  const taskId = str(payload.taskId);
  const elementId = str(payload.elementId) ?? (taskId ? index.taskElements.get(taskId) : undefined) ?? timer?.elementId ?? null;
  const actor = actorName(event, names, table);
  const ctx = buildSentenceContext(action, actor, payload, names, dtf);
  ctx.subject = subjectOf(action, payload, names, index, taskId, elementId, timer?.name);
  const host = str(payload.tokenId);
  ctx.host = action === 'boundary.triggered' && host ? (index.tokens.get(host) ?? null) : null;
  let text: string;
  try {
    text = (Object.hasOwn(table.sentences, action) ? table.sentences[action]! : table.generic)(ctx);
  } catch {
    text = table.generic(ctx);
  }
  return {
    seq: Number(event.seq),
    at: isoOf(event.at),
    actor,
    action,
    text,
    legalBasis: str(payload.legalBasis) ?? (elementId ? index.legalBasis.get(elementId) : undefined) ?? null,
    elementId,
    taskId: taskId ?? null,
    important: IMPORTANT.has(action),
  };
}

interface EventIndex {
  elementNames: Map<string, string>;
  legalBasis: Map<string, string>;
  taskNames: Map<string, string>;
  taskElements: Map<string, string>;
  tokens: Map<string, string>;
  timers: Map<string, { elementId: string | undefined; name: string | undefined }>;
  /** `${at}|${elementId}` of boundary.triggered events, to fold the timer.fired of the same command. */
  boundaries: Set<string>;
}

function indexEvents(events: TimelineEvent[]): EventIndex {
  const ix: EventIndex = { elementNames: new Map(), legalBasis: new Map(), taskNames: new Map(), taskElements: new Map(), tokens: new Map(), timers: new Map(), boundaries: new Set() };
  for (const event of events) {
    try {
      indexOne(ix, event);
    } catch {
      // unreadable event: renderTimeline leaves it out too
    }
  }
  return ix;
}

function indexOne(ix: EventIndex, event: TimelineEvent): void {
  const p = isRecord(event.payload) ? event.payload : {};
  const elementId = str(p.elementId);
  const name = str(p.elementName);
  const taskId = str(p.taskId);
  if (elementId && name) ix.elementNames.set(elementId, name);
  if (elementId && str(p.legalBasis)) ix.legalBasis.set(elementId, str(p.legalBasis)!);
  if (taskId && elementId) ix.taskElements.set(taskId, elementId);
  if (taskId && name) ix.taskNames.set(taskId, name);
  if (event.action === 'element.activated' && str(p.tokenId) && name) ix.tokens.set(str(p.tokenId)!, name);
  if (event.action === 'timer.armed' && str(p.ref)) ix.timers.set(str(p.ref)!, { elementId, name });
  if (event.action === 'boundary.triggered' && elementId) ix.boundaries.add(`${instantMs(event.at)}|${elementId}`);
}

function isPlumbing(action: string, payload: Record<string, unknown>): boolean {
  if (PLUMBING.has(action)) return true;
  if (!ELEMENT_ACTIONS.has(action)) return false;
  const type = str(payload.elementType);
  return type !== undefined && (type.endsWith('Gateway') || type.endsWith('Event') || type === 'userTask');
}

function subjectOf(action: string, p: Record<string, unknown>, names: TimelineNames, ix: EventIndex, taskId: string | undefined, elementId: string | null, timerName: string | undefined): string | null {
  if (action === 'case.started') return lookup(names.processes, str(p.processKey)) ?? null;
  if (action === 'timer.fired') return timerName ?? null;
  const element = str(p.elementName) ?? (elementId ? ix.elementNames.get(elementId) : undefined);
  if (action.startsWith('task.')) return lookup(names.tasks, taskId) ?? element ?? (taskId ? ix.taskNames.get(taskId) : undefined) ?? null;
  if (ELEMENT_ACTIONS.has(action) || action === 'error.thrown' || action === 'escalation.thrown') return element ?? elementId;
  return element ?? null;
}

function actorName(event: TimelineEvent, names: TimelineNames, table: SentenceTable): string {
  const byId = typeof event.actorId === 'string' ? lookup(names.users, event.actorId) : undefined;
  if (byId) return byId;
  const label = typeof event.actorLabel === 'string' && event.actorLabel !== '' ? event.actorLabel : 'system';
  return Object.hasOwn(table.actors, label) ? table.actors[label]! : label;
}

function isoOf(at: unknown): string {
  const ms = instantMs(at);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

function instantMs(at: unknown): number {
  if (at instanceof Date) return at.getTime();
  if (typeof at === 'string' || typeof at === 'number') return new Date(at).getTime();
  return Number.NaN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
