import type { ElementDef } from '../model/compiled-model';
import type { Token } from './case-state';
import { ProcessExecutionError } from './engine-errors';
import type { Execution } from './execution';
import { armTimer, armSubscription, deadlineTimerRef, disarm } from './wait-helpers';

/**
 * What every activity shares, whatever its type: multi-instance expansion,
 * boundary events armed while it runs, completion (outputs, then leave), and
 * cancellation when an interrupting event or a terminate ends it.
 */

/**
 * Run `body` for the activity, wrapped in multi-instance handling and with
 * its boundary events armed. Call from an activity behaviour's `enter`.
 */
export async function startActivity(x: Execution, token: Token, el: ElementDef, body: () => Promise<void>): Promise<void> {
  if (el.multiInstance && !token.instanceOf) {
    await startMultiInstance(x, token, el);
    return;
  }
  if (!token.instanceOf) await armBoundaries(x, token, el);
  x.record('element.activated', el, { tokenId: token.id });
  await body();
}

async function startMultiInstance(x: Execution, token: Token, el: ElementDef): Promise<void> {
  const mi = el.multiInstance!;
  let items: unknown[];
  if (mi.collection) {
    const value = x.evaluate(mi.collection, token, `${el.id} collection`);
    if (!Array.isArray(value)) throw new ProcessExecutionError(el.id, `multi-instance collection must be a list, got ${JSON.stringify(value)}`);
    items = value;
  } else if (mi.loopCardinality) {
    const n = x.evaluate(mi.loopCardinality, token, `${el.id} loopCardinality`);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ProcessExecutionError(el.id, `loopCardinality must be a whole number, got ${JSON.stringify(n)}`);
    items = Array.from({ length: n }, (_, i) => i + 1);
  } else {
    throw new ProcessExecutionError(el.id, 'multi-instance needs a collection or a loopCardinality');
  }
  await armBoundaries(x, token, el);
  const body = x.openScope('miBody', el.id, token.scopeId, token.id);
  body.mi = { items, total: items.length, started: 0, completed: 0, sequential: mi.sequential };
  x.wait(token, { kind: 'multiInstance', ref: body.id });
  x.record('element.activated', el, { tokenId: token.id, instances: items.length });
  if (items.length === 0) {
    x.removeScope(body);
    await completeActivity(x, token, {}, { skipOutputs: true });
    return;
  }
  const first = mi.sequential ? 1 : items.length;
  for (let i = 0; i < first; i++) spawnInstance(x, token, el, body.id);
}

function spawnInstance(x: Execution, bodyToken: Token, el: ElementDef, bodyScopeId: string): void {
  const body = x.scope(bodyScopeId);
  const index = body.mi!.started;
  body.mi!.started += 1;
  const locals: Record<string, unknown> = { loopCounter: index + 1 };
  if (el.multiInstance?.elementVariable) locals[el.multiInstance.elementVariable] = body.mi!.items[index];
  const instance = x.openScope('miInstance', el.id, bodyScopeId, bodyToken.id, locals);
  x.spawn(el.id, instance.id, undefined, { instanceOf: bodyToken.id });
}

/**
 * The activity is done: disarm its boundary events, write its results, and
 * leave along its outgoing flows (or, for one multi-instance instance, let
 * the body decide whether all instances are done).
 */
export async function completeActivity(x: Execution, token: Token, result: Record<string, unknown>, options: { skipOutputs?: boolean } = {}): Promise<void> {
  const el = x.element(token.elementId);
  if (!options.skipOutputs) x.applyOutputs(token, el, result);
  await disarmBoundaries(x, token);
  x.record('element.completed', el, { tokenId: token.id });
  if (token.instanceOf) {
    await instanceCompleted(x, token, el);
    return;
  }
  x.leave(token, x.outgoingFlows(token, el));
}

async function instanceCompleted(x: Execution, token: Token, el: ElementDef): Promise<void> {
  const bodyToken = x.token(token.instanceOf!);
  const instanceScope = x.scope(token.scopeId);
  if (!bodyToken) {
    x.remove(token);
    x.removeScope(instanceScope);
    return;
  }
  const body = x.scope(bodyToken.wait!.kind === 'multiInstance' ? bodyToken.wait!.ref : '');
  const mi = body.mi!;
  mi.completed += 1;
  const active = x.state.tokens.filter((t) => t.instanceOf === bodyToken.id && t !== token).length;
  const condition = el.multiInstance?.completionCondition;
  // Evaluated in the finishing instance (before its scope goes), so it can test what that instance produced.
  const early =
    condition !== undefined &&
    x.evaluate(condition, token, `${el.id} completionCondition`, { nrOfInstances: mi.total, nrOfCompletedInstances: mi.completed, nrOfActiveInstances: active }) === true;
  x.remove(token);
  x.removeScope(instanceScope);
  if (early || mi.completed >= mi.total) {
    for (const other of x.state.tokens.filter((t) => t.instanceOf === bodyToken.id)) await cancelToken(x, other);
    // The cancelled instances' scopes go with the body.
    x.state.scopes = x.state.scopes.filter((s) => s.id !== body.id && s.parentScopeId !== body.id);
    await completeActivity(x, bodyToken, {}, { skipOutputs: true });
    return;
  }
  if (mi.sequential) spawnInstance(x, bodyToken, el, body.id);
}

/**
 * Arm the timer and message boundary events of an activity token. Error and
 * escalation boundaries are passive (found when thrown); timers at the task's
 * deadline are armed by the user task once it knows its due date.
 */
async function armBoundaries(x: Execution, token: Token, el: ElementDef): Promise<void> {
  for (const boundaryId of el.boundaryEvents) {
    const b = x.element(boundaryId);
    if (b.event?.kind === 'timer' && !b.event.timer?.atTaskDeadline) {
      const ref = await armTimer(x, token, b);
      if (ref) (token.boundary ??= []).push({ elementId: b.id, ref, kind: 'timer' });
    } else if (b.event?.kind === 'message') {
      const ref = await armSubscription(x, token, b);
      (token.boundary ??= []).push({ elementId: b.id, ref, kind: 'message' });
    }
  }
}

/** Arm `cm:atTaskDeadline` boundary timers to fire at the task's due instant. */
export async function armTaskDeadlineBoundaries(x: Execution, token: Token, el: ElementDef, dueAt: Date): Promise<void> {
  for (const boundaryId of el.boundaryEvents) {
    const b = x.element(boundaryId);
    if (b.event?.kind !== 'timer' || !b.event.timer?.atTaskDeadline || token.wait?.kind !== 'task') continue;
    const ref = await armTimer(x, token, b, dueAt, deadlineTimerRef(token.wait.ref, b.id));
    if (ref) (token.boundary ??= []).push({ elementId: b.id, ref, kind: 'timer' });
  }
}

export async function disarmBoundaries(x: Execution, token: Token): Promise<void> {
  for (const armed of token.boundary ?? []) await disarm(x, armed.kind, armed.ref);
  delete token.boundary;
}

/**
 * A boundary event fired on a waiting activity token. Interrupting: the
 * activity is cancelled first. Either way a new token leaves the boundary.
 * A boundary belongs to the whole activity: when it fires on one instance of
 * a multi-instance activity (a task-deadline timer, a failed called case),
 * the multi-instance body is what it interrupts and where its path starts.
 */
export async function triggerBoundary(x: Execution, activityToken: Token, boundaryId: string, result: Record<string, unknown> = {}): Promise<void> {
  const b = x.element(boundaryId);
  const host = (activityToken.instanceOf ? x.token(activityToken.instanceOf) : undefined) ?? activityToken;
  x.record('boundary.triggered', b, { tokenId: host.id, interrupting: b.cancelActivity !== false });
  if (b.cancelActivity !== false) {
    await cancelToken(x, host);
  } else {
    // A non-interrupting timer fires once; drop it from the armed list (a cycle re-arms for its next occurrence).
    activityToken.boundary = activityToken.boundary?.filter((a) => a.elementId !== boundaryId || a.kind === 'message');
    if (b.event?.timer?.cycle) {
      const ref = await armTimer(x, activityToken, b);
      if (ref) (activityToken.boundary ??= []).push({ elementId: b.id, ref, kind: 'timer' });
    }
  }
  const t = x.spawn(b.id, host.scopeId);
  x.applyOutputs(t, b, result);
  x.leave(t, x.outgoingFlows(t, b));
}

/** Cancel a token and everything it holds: its task, timers, subscriptions, subprocess run or instances. */
export async function cancelToken(x: Execution, token: Token): Promise<void> {
  await disarmBoundaries(x, token);
  const wait = token.wait;
  const el = x.element(token.elementId);
  if (wait?.kind === 'subProcess' || wait?.kind === 'multiInstance') {
    const inner = x.state.scopes.filter((s) => s.ownerTokenId === token.id);
    for (const scope of inner) {
      for (const t of x.state.tokens.filter((t) => t.scopeId === scope.id || isInsideScope(x, t.scopeId, scope.id))) await cancelToken(x, t);
      x.state.scopes = x.state.scopes.filter((s) => s.id !== scope.id && !isInsideScope(x, s.id, scope.id));
    }
  } else if (wait?.kind === 'timer' || wait?.kind === 'message' || wait?.kind === 'retry') {
    await disarm(x, wait.kind === 'retry' ? 'timer' : wait.kind, wait.ref);
  }
  const behaviourCancel = x.cancelHook(el, token);
  if (behaviourCancel) await behaviourCancel();
  if (token.instanceOf === undefined && wait?.kind !== undefined) x.record('element.cancelled', el, { tokenId: token.id });
  x.remove(token);
}

function isInsideScope(x: Execution, scopeId: string, ancestorId: string): boolean {
  for (let s = x.state.scopes.find((s) => s.id === scopeId); s?.parentScopeId; s = x.state.scopes.find((p) => p.id === s!.parentScopeId)) {
    if (s.parentScopeId === ancestorId) return true;
  }
  return false;
}
