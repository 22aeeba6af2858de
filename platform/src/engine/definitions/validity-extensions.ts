import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { AuditActor, AuditLog } from '../../domain/audit/audit-log';
import { ValidityExtension } from '../../domain/definition/validity-extension.entity';
import { NotFoundError, ValidationError } from '../../errors/problem-error';
import { validityContext, versionWindows } from './effective-version';

/**
 * Granting 延期适用: an admin's explicit, audited decision to keep new cases
 * starting past a sunset, for one procedure or the whole pack (the current
 * pack revision: an earlier revision's rules are superseded, not extended,
 * and an extension of one revision never moves another's end). The new end
 * must lie after the current one, so an extension can never shorten a window
 * (ending early is done by publishing a successor, which is its own record).
 */
export async function grantExtension(
  em: EntityManager,
  deps: { clock: Clock; audit: AuditLog },
  input: { tenantId: string; processKey: string | null; extendedTo: string; reason: string; actor: AuditActor },
): Promise<ValidityExtension> {
  return em.transactional(async (tx) => {
    const ctx = await validityContext(tx, input.tenantId);
    let currentEnd: string | null;
    // The revision whose versions the extension lifts: the newest version's for a procedure, the current one for the pack.
    let packRevisionId: string | null;
    if (input.processKey) {
      const versions = await versionWindows(tx, input.tenantId, deps.clock.now(), input.processKey);
      if (!versions.length) throw new NotFoundError(`No published procedure "${input.processKey}" in this county.`);
      currentEnd = versions[0]!.effective.to;
      const [newest] = await tx.execute<{ pack_revision_id: string | null }[]>('select pack_revision_id from definition_version where id = ?', [versions[0]!.id]);
      packRevisionId = newest?.pack_revision_id ?? null;
    } else {
      currentEnd = ctx.packExtension ?? ctx.pack.to;
      packRevisionId = ctx.currentRevisionId;
    }
    if (currentEnd !== null && input.extendedTo <= currentEnd) {
      throw new ValidationError('An extension must end after the current end of the window.', [{ pointer: '/body/extendedTo', message: `must be after ${currentEnd}` }]);
    }
    const row = tx.create(ValidityExtension, {
      id: randomUUID(),
      tenantId: input.tenantId,
      processKey: input.processKey,
      extendedTo: input.extendedTo,
      reason: input.reason,
      grantedBy: input.actor.id,
      grantedAt: deps.clock.now(),
      packRevisionId,
    });
    await tx.flush();
    await deps.audit.append(tx, input.tenantId, [
      {
        actor: input.actor,
        action: 'validity.extended',
        subject: input.processKey ? { type: 'definition', id: input.processKey } : { type: 'pack', id: input.tenantId },
        payload: { scope: input.processKey ? 'procedure' : 'pack', previousEnd: currentEnd, extendedTo: input.extendedTo, reason: input.reason, packRevisionId },
      },
    ]);
    return row;
  });
}

/** Every extension of the county, newest first, for the admin overview; `revision` is the label of the pack revision it lifts (null = the original pack). */
export async function extensionHistory(
  em: EntityManager,
  tenantId: string,
): Promise<{ id: string; processKey: string | null; revision: string | null; extendedTo: string; reason: string; grantedBy: string | null; grantedAt: Date }[]> {
  const rows = await em.execute<{ id: string; process_key: string | null; revision: string | null; extended_to: string; reason: string; granted_by: string | null; granted_at: string | Date }[]>(
    `select e.id, e.process_key, r.label as revision, e.extended_to::text as extended_to, e.reason, u.display_name as granted_by, e.granted_at
       from validity_extension e left join app_user u on u.id = e.granted_by left join pack_revision r on r.id = e.pack_revision_id
      where e.tenant_id = ? order by e.granted_at desc, e.id desc`,
    [tenantId],
  );
  return rows.map((r) => ({ id: r.id, processKey: r.process_key, revision: r.revision, extendedTo: r.extended_to, reason: r.reason, grantedBy: r.granted_by, grantedAt: new Date(r.granted_at) }));
}
