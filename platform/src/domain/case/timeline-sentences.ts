/**
 * The sentences of the case timeline, one per audit action, in Chinese (what
 * staff read) and short English. Kept apart from the rendering logic so a
 * wording change touches only this table.
 *
 * A sentence only ever prints the fields named here, already resolved by
 * the renderer (names of departments and users, dates in the tenant's zone);
 * never a raw payload value it does not know. The accessors that do the
 * resolving (buildSentenceContext) live here too, next to their only readers.
 */
import type { TimelineNames } from './case-timeline';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 500;
export const DEFAULT_ZONE = 'Asia/Shanghai';

/** What a sentence may say about one audit event; every accessor returns null or [] when the field is missing or odd. */
export interface SentenceContext {
  /** Who did it, already a display name (a user, 系统, 社会公众 ...). */
  actor: string;
  /** The audit action, e.g. "task.claimed" (for the generic sentence). */
  action: string;
  /** The task's or element's name, the process's name for case.started; null when unknown. */
  subject: string | null;
  /** For a boundary event: the name of the activity it is attached to, when known. */
  host: string | null;
  text(key: string): string | null;
  count(key: string): number | null;
  /** Department names for a list of department ids or codes. */
  departments(key: string): string[];
  /** A user's display name for a user-id field, else the fallback name field. */
  user(idKey: string, nameKey?: string): string | null;
  /** The day of a date-time or date field (YYYY-MM-DD in the tenant's zone). */
  date(key: string): string | null;
  /** The last day of a deadline instant (a deadline ends at 24:00, i.e. 00:00 of the next day). */
  deadline(key: string): string | null;
  dateTime(key: string): string | null;
  /** Field titles for a list of variable names or JSON pointers. */
  fields(key: string): string[];
}

export type Sentence = (c: SentenceContext) => string;

export interface SentenceTable {
  sentences: Readonly<Record<string, Sentence>>;
  generic: Sentence;
  /** Display names of the platform's own actor labels (system, timer, public ...). */
  actors: Readonly<Record<string, string>>;
}

const zq = (name: string | null, fallback: string): string => `「${name ?? fallback}」`;
const zlist = (items: string[]): string => items.join('、');
const suffix = (value: string | null, before: string, after = ''): string => (value ? `${before}${value}${after}` : '');

export const ZH_SENTENCES: SentenceTable = {
  actors: { system: '系统', timer: '系统（定时）', public: '社会公众', message: '系统（消息）' },
  generic: (c) => `${c.actor} 执行了 ${c.action}`,
  sentences: {
    'case.started': (c) => `${c.actor} 发起了${c.subject ? zq(c.subject, '') : '办件'}${c.text('parentCaseId') ? '（由关联办件推送）' : ''}`,
    'case.completed': () => '办件已办结',
    'case.terminated': () => '办件已终止',
    'case.migrated': (c) => `${c.actor} 将办件从流程第 ${c.count('fromVersion') ?? '?'} 版迁移到第 ${c.count('toVersion') ?? '?'} 版`,
    'case.failed': () => '办件异常中止',
    'task.created': (c) => {
      const depts = c.departments('candidateDepartmentIds');
      const head = depts.length ? `推送至 ${zlist(depts)} 待认领${zq(c.subject, '待办事项')}` : `${zq(c.subject, '待办事项')}待认领`;
      return head + suffix(c.deadline('dueAt'), '，期限 ');
    },
    'task.claimed': (c) => `${c.actor} 认领了${zq(c.subject, '待办事项')}`,
    'task.unclaimed': (c) => `${c.actor} 放弃认领${zq(c.subject, '待办事项')}`,
    'task.completed': (c) => `${c.actor} 办理完成${zq(c.subject, '待办事项')}`,
    'task.returned': (c) => `${c.actor} 退回了${zq(c.subject, '待办事项')}${suffix(c.text('reason'), '，理由：')}`,
    'task.cancelled': (c) => `${zq(c.subject, '待办事项')}已取消`,
    'task.delegated': (c) => `${c.actor} 将${zq(c.subject, '待办事项')}转交给 ${c.user('toUserId', 'toUserName') ?? '其他人员'}`,
    'task.offline_delivered': (c) => {
      const details = [c.text('documentNumber') ? `文号 ${c.text('documentNumber')}` : null, c.date('deliveredOn')].filter((d): d is string => d !== null);
      return `${c.actor} 以${c.text('channel') ?? '线下'}方式线下送达${details.length ? `（${details.join('，')}）` : ''}`;
    },
    'timer.armed': (c) => `设定${zq(c.subject, '定时')}${suffix(c.dateTime('dueAt'), '，到期时间 ')}`,
    'timer.fired': (c) => `${c.actor}：${zq(c.subject, '定时')}时间已到`,
    'boundary.triggered': (c) => `${c.actor}：${c.host ? zq(c.host, '') : ''}${c.subject ?? '触发边界事件'}`,
    'message.published': (c) => `发送消息${suffix(c.text('messageName'), '「', '」')}`,
    'message.correlated': (c) => `收到消息${suffix(c.text('messageName'), '「', '」')}`,
    'message.subscribed': (c) => `等待消息${suffix(c.text('messageName'), '「', '」')}`,
    'case.pushed': (c) => {
      const depts = c.departments('departments');
      return `${c.subject ? zq(c.subject, '') : ''}推送至 ${depts.length ? zlist(depts) : '相关部门'}`;
    },
    'notification.sent': (c) => `发送通知${suffix(c.count('recipients')?.toString() ?? null, '（', ' 人）')}`,
    'variables.set': () => '更新办件信息',
    'credit.recorded': () => '记入信用记录',
    'report.generated': (c) => `生成报表${c.date('periodStart') && c.date('periodEnd') ? `（${c.date('periodStart')} 至 ${c.date('periodEnd')}）` : ''}`,
    'element.activated': (c) => `开始${zq(c.subject, '环节')}`,
    'element.completed': (c) => `完成${zq(c.subject, '环节')}`,
    'element.cancelled': (c) => `${zq(c.subject, '环节')}已取消`,
    'error.thrown': (c) => `${zq(c.subject, '环节')}报告错误${suffix(c.text('errorCode'), ' ')}`,
    'escalation.thrown': (c) => `${zq(c.subject, '环节')}上报升级${suffix(c.text('escalationCode'), ' ')}`,
    'pii.revealed': (c) => {
      const fields = c.fields('fields');
      return `${c.actor} 查看了个人信息${fields.length ? `（${zlist(fields)}）` : ''}${suffix(c.text('reason'), '，事由：')}`;
    },
    'attachment.uploaded': (c) => `${c.actor} 上传了附件${suffix(c.text('fileName'), '「', '」')}`,
    'attachment.downloaded': (c) => `${c.actor} 下载了附件${suffix(c.text('fileName'), '「', '」')}`,
    'deadline.recomputed': (c) => `因工作日历调整重新计算期限${suffix(c.deadline('dueAt'), '，新期限 ')}`,
  },
};

const eq = (name: string | null, fallback: string): string => (name ? `"${name}"` : fallback);
const elist = (items: string[]): string => items.join(', ');

export const EN_SENTENCES: SentenceTable = {
  actors: { system: 'System', timer: 'System (timer)', public: 'Public', message: 'System (message)' },
  generic: (c) => `${c.actor} did ${c.action}`,
  sentences: {
    'case.started': (c) => `${c.actor} started ${eq(c.subject, 'the case')}${c.text('parentCaseId') ? ' (pushed from a linked case)' : ''}`,
    'case.completed': () => 'Case completed',
    'case.terminated': () => 'Case terminated',
    'case.migrated': (c) => `${c.actor} migrated the case from version ${c.count('fromVersion') ?? '?'} to version ${c.count('toVersion') ?? '?'} of its procedure`,
    'case.failed': () => 'Case failed',
    'task.created': (c) => {
      const depts = c.departments('candidateDepartmentIds');
      return `${eq(c.subject, 'A task')} awaits claim${depts.length ? ` by ${elist(depts)}` : ''}${c.deadline('dueAt') ? `, due ${c.deadline('dueAt')}` : ''}`;
    },
    'task.claimed': (c) => `${c.actor} claimed ${eq(c.subject, 'a task')}`,
    'task.unclaimed': (c) => `${c.actor} released ${eq(c.subject, 'a task')}`,
    'task.completed': (c) => `${c.actor} completed ${eq(c.subject, 'a task')}`,
    'task.returned': (c) => `${c.actor} returned ${eq(c.subject, 'a task')}${c.text('reason') ? `: ${c.text('reason')}` : ''}`,
    'task.cancelled': (c) => `${eq(c.subject, 'A task')} was cancelled`,
    'task.delegated': (c) => `${c.actor} delegated ${eq(c.subject, 'a task')} to ${c.user('toUserId', 'toUserName') ?? 'another user'}`,
    'task.offline_delivered': (c) => {
      const details = [c.text('documentNumber'), c.date('deliveredOn')].filter((d): d is string => d !== null);
      return `${c.actor} delivered offline by ${c.text('channel') ?? 'another channel'}${details.length ? ` (${details.join(', ')})` : ''}`;
    },
    'timer.armed': (c) => `${eq(c.subject, 'A timer')} set${c.dateTime('dueAt') ? ` for ${c.dateTime('dueAt')}` : ''}`,
    'timer.fired': (c) => `${c.actor}: ${eq(c.subject, 'a timer')} is due`,
    'boundary.triggered': (c) => `${c.actor}: ${c.host ? `${eq(c.host, '')}: ` : ''}${c.subject ?? 'boundary event triggered'}`,
    'message.published': (c) => `Message ${eq(c.text('messageName'), '')}`.trimEnd() + ' sent',
    'message.correlated': (c) => `Message ${eq(c.text('messageName'), '')}`.trimEnd() + ' received',
    'message.subscribed': (c) => `Waiting for message ${eq(c.text('messageName'), '')}`.trimEnd(),
    'case.pushed': (c) => `Pushed to ${c.departments('departments').length ? elist(c.departments('departments')) : 'the departments concerned'}`,
    'notification.sent': (c) => `Notification sent${c.count('recipients') !== null ? ` to ${c.count('recipients')}` : ''}`,
    'variables.set': () => 'Case data updated',
    'credit.recorded': () => 'Credit record added',
    'report.generated': (c) => `Report generated${c.date('periodStart') && c.date('periodEnd') ? ` (${c.date('periodStart')} to ${c.date('periodEnd')})` : ''}`,
    'element.activated': (c) => `${eq(c.subject, 'A step')} started`,
    'element.completed': (c) => `${eq(c.subject, 'A step')} completed`,
    'element.cancelled': (c) => `${eq(c.subject, 'A step')} cancelled`,
    'error.thrown': (c) => `${eq(c.subject, 'A step')} raised error${c.text('errorCode') ? ` ${c.text('errorCode')}` : ''}`,
    'escalation.thrown': (c) => `${eq(c.subject, 'A step')} escalated${c.text('escalationCode') ? ` ${c.text('escalationCode')}` : ''}`,
    'pii.revealed': (c) => `${c.actor} viewed personal data${c.fields('fields').length ? ` (${elist(c.fields('fields'))})` : ''}${c.text('reason') ? `, reason: ${c.text('reason')}` : ''}`,
    'attachment.uploaded': (c) => `${c.actor} uploaded ${eq(c.text('fileName'), 'an attachment')}`,
    'attachment.downloaded': (c) => `${c.actor} downloaded ${eq(c.text('fileName'), 'an attachment')}`,
    'deadline.recomputed': (c) => `Deadline recomputed after a calendar change${c.deadline('dueAt') ? `, now due ${c.deadline('dueAt')}` : ''}`,
  },
};

/**
 * The accessors a sentence reads one event's payload through: each resolves
 * ids to names and instants to local dates, and answers null for a missing or
 * odd value, so a sentence never sees raw ids or throws on a strange payload.
 */
export function buildSentenceContext(action: string, actor: string, p: Record<string, unknown>, names: TimelineNames, dtf: Intl.DateTimeFormat): SentenceContext {
  const strings = (key: string): string[] => (Array.isArray(p[key]) ? (p[key] as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '') : []);
  return {
    actor,
    action,
    subject: null,
    host: null,
    text: (key) => {
      const v = p[key];
      const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
      return s === '' ? null : s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
    },
    count: (key) => (typeof p[key] === 'number' && Number.isFinite(p[key]) ? (p[key] as number) : Array.isArray(p[key]) ? (p[key] as unknown[]).length : null),
    departments: (key) => unique(strings(key).map((d) => lookup(names.departments, d) ?? (UUID.test(d) ? null : d))),
    user: (idKey, nameKey) => lookup(names.users, str(p[idKey])) ?? (nameKey ? str(p[nameKey]) : undefined) ?? null,
    date: (key) => {
      const v = str(p[key]);
      return v === undefined ? null : ISO_DAY.test(v) ? v : localDate(dtf, new Date(v));
    },
    deadline: (key) => {
      const v = str(p[key]);
      return v === undefined ? null : localDate(dtf, new Date(new Date(v).getTime() - 1));
    },
    dateTime: (key) => {
      const v = str(p[key]);
      return v === undefined ? null : localDate(dtf, new Date(v), true);
    },
    fields: (key) => unique(strings(key).map((f) => fieldName(f)).map((f) => (f ? (lookup(names.fields, f) ?? f) : null))),
  };
}

/** A variable name from a name or a JSON pointer ("/items/0/idNumber" → "idNumber"). */
function fieldName(field: string): string | null {
  if (!field.startsWith('/')) return field;
  const segments = field.split('/').filter((s) => s !== '' && !/^\d+$/.test(s));
  const last = segments[segments.length - 1];
  return last === undefined ? null : last.replaceAll('~1', '/').replaceAll('~0', '~');
}

const formatCache = new Map<string, Intl.DateTimeFormat>();

/** One Intl formatter per zone, built once (building costs far more than using); an unknown zone falls back to the default. */
export function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let dtf = formatCache.get(timeZone);
  if (dtf) return dtf;
  try {
    dtf = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    return zoneFormat(timeZone === DEFAULT_ZONE ? 'UTC' : DEFAULT_ZONE);
  }
  formatCache.set(timeZone, dtf);
  return dtf;
}

/** `YYYY-MM-DD` (with ` HH:mm`) of an instant in the zone; null for an invalid date. */
function localDate(dtf: Intl.DateTimeFormat, at: Date, withTime = false): string | null {
  if (Number.isNaN(at.getTime())) return null;
  const p = Object.fromEntries(dtf.formatToParts(at).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day}${withTime ? ` ${p.hour}:${p.minute}` : ''}`;
}

/** A name from an optional id → name map; tolerant of a missing map, since names come from callers. */
export function lookup(map: Map<string, string> | undefined, key: string | undefined): string | undefined {
  return key === undefined || !(map instanceof Map) ? undefined : map.get(key);
}

/** A non-empty string payload field, else undefined (payloads are jsonb: anything may be there). */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

