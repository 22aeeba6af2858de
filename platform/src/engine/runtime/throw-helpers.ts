import type { ElementDef } from '../model/compiled-model';
import type { Token } from './case-state';
import { ENGINE_JOBS } from './engine-deps';
import { ProcessExecutionError } from './engine-errors';
import type { Execution } from './execution';
import { cancelToken, triggerBoundary } from './activity-lifecycle';

/**
 * Find the nearest enclosing activity (subprocess run or multi-instance body)
 * with a boundary event of `kind` catching `code`, walking outwards from the
 * token's scope. Undefined catch codes catch everything; on one activity a
 * boundary naming the code wins over a catch-all, whatever their order in
 * the file (as in BPMN engines generally: the specific handler is meant).
 */
function findCatcher(x: Execution, token: Token, kind: 'error' | 'escalation', code: string | undefined): { owner: Token; boundaryId: string } | undefined {
  for (let scope = x.scope(token.scopeId); scope.kind !== 'process'; scope = x.scope(scope.parentScopeId!)) {
    const owner = scope.ownerTokenId ? x.token(scope.ownerTokenId) : undefined;
    if (!owner || scope.kind === 'miInstance') continue;
    const el = x.element(owner.elementId);
    const caughtCode = (id: string): string | undefined | null => {
      const ev = x.element(id).event;
      if (ev?.kind !== kind) return null;
      return kind === 'error' ? ev.errorCode : ev.escalationCode;
    };
    const boundaryId =
      (code === undefined ? undefined : el.boundaryEvents.find((id) => caughtCode(id) === code)) ?? el.boundaryEvents.find((id) => caughtCode(id) === undefined);
    if (boundaryId) return { owner, boundaryId };
  }
  return undefined;
}

/**
 * A BPMN error thrown by an end event: caught by the nearest matching error
 * boundary (which cancels that activity), else the case fails, because an
 * uncaught business error means nobody modelled what to do next.
 */
export async function throwError(x: Execution, token: Token, el: ElementDef): Promise<void> {
  const code = el.event?.errorCode;
  x.record('error.thrown', el, { errorCode: code ?? null });
  const catcher = findCatcher(x, token, 'error', code);
  x.remove(token);
  if (catcher) {
    await triggerBoundary(x, catcher.owner, catcher.boundaryId, {});
    return;
  }
  for (const t of [...x.state.tokens]) await cancelToken(x, t);
  x.endCase('failed');
}

/** An escalation: caught by the nearest matching boundary (usually non-interrupting); uncaught escalations do nothing. */
export async function throwEscalation(x: Execution, token: Token, el: ElementDef): Promise<void> {
  const code = el.event?.escalationCode;
  x.record('escalation.thrown', el, { escalationCode: code ?? null });
  const catcher = findCatcher(x, token, 'escalation', code);
  if (catcher) await triggerBoundary(x, catcher.owner, catcher.boundaryId, {});
}

/**
 * Publish a message to other cases. It is sent as a job that commits with
 * this case and correlates in its own transaction, so two cases are never
 * locked by one command and a crash cannot lose the message.
 */
export async function publishMessage(x: Execution, token: Token, el: ElementDef): Promise<void> {
  const name = el.event?.messageName ?? el.messageName;
  if (!name) throw new ProcessExecutionError(el.id, 'a message throw needs a message');
  const key = el.event?.correlationKey ? x.evaluate(el.event.correlationKey, token, `${el.id} correlationKey`) : null;
  const variables = x.evaluateMappings(el.inputs, token, el.id);
  await x.env.deps.jobs.schedule(x.env.em, {
    tenantId: x.env.tenantId,
    caseId: x.caseId,
    type: ENGINE_JOBS.publishMessage,
    dueAt: x.env.now,
    payload: { name, correlationKey: key === null ? null : String(key), variables, sourceCaseId: x.caseId, elementId: el.id },
  });
  x.record('message.published', el, { messageName: name, correlationKey: key === null ? null : String(key) });
}
