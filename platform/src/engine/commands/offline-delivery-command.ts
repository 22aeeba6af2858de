import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { localDateOf } from '../../domain/case/local-day';
import type { TenantSettings } from '../../domain/tenant/tenant.entity';
import { ConflictError, ValidationError } from '../../errors/problem-error';
import type { Engine } from '../engine';
import { completeTask, loadTask, type TaskActor } from './task-commands';

/** What staff record when a push obligation was met outside the platform. */
export interface OfflineDeliveryInput {
  /** One of the county's channels (tenant settings offlineDelivery.channels), e.g. 书面公函. */
  channel: string;
  /** Number of the letter or transfer document. */
  documentNumber: string;
  /** Local date (YYYY-MM-DD) the delivery happened; not in the future. */
  deliveredOn: string;
  /** A scan of the letter or receipt, uploaded to the case first. */
  attachmentId?: string;
  note?: string;
  /** The task's own form data, validated against its form as for any completion. */
  data: Record<string, unknown>;
}

/**
 * Meet a task's obligation offline (线下送达): only tasks whose diagram marks
 * them `cm:offlineAllowed`, only through the county's channels. The task
 * completes like any other (its form data validated, the token moving on),
 * with delivery channel 'offline' for the statistics, an offline_delivery
 * row holding the channel, document number, date and scan, and an audit event.
 */
export async function recordOfflineDelivery(engine: Engine, em: EntityManager, who: TaskActor, taskId: string, input: OfflineDeliveryInput, expectedVersion?: number): Promise<void> {
  const task = await loadTask(em, who.tenantId, taskId);
  const [row] = await em.execute<{ definition_version_id: string; settings: TenantSettings }[]>(
    'select c.definition_version_id, tn.settings from case_instance c join tenant tn on tn.id = c.tenant_id where c.id = ? and c.tenant_id = ?',
    [task.case_id, who.tenantId],
  );
  const loaded = await engine.deps.definitions.byId(em, who.tenantId, row!.definition_version_id);
  if (!loaded.process.elements.get(task.element_id)?.offlineAllowed) {
    throw new ConflictError('This task must be done on the platform: its procedure does not allow offline delivery for it.');
  }
  const channels = row!.settings.offlineDelivery?.channels ?? [];
  const errors = [];
  if (!channels.includes(input.channel)) errors.push({ pointer: '/body/channel', message: channels.length ? `must be one of: ${channels.join('、')}` : 'this county has no offline channels' });
  if (input.deliveredOn > localDateOf(engine.deps.clock.now())) errors.push({ pointer: '/body/deliveredOn', message: 'must not be in the future' });
  if (input.attachmentId) {
    const [att] = await em.execute<{ id: string }[]>('select id from attachment where id = ? and tenant_id = ? and case_id = ?', [input.attachmentId, who.tenantId, task.case_id]);
    if (!att) errors.push({ pointer: '/body/attachmentId', message: 'is not an attachment of this case' });
  }
  if (errors.length) throw new ValidationError('The offline delivery record is incomplete or wrong.', errors);
  await completeTask(engine, em, who, taskId, input.data, {
    expectedVersion,
    deliveryChannel: 'offline',
    alsoRecord: async (tx, t) => {
      await tx.execute(
        `insert into offline_delivery (id, tenant_id, case_id, task_id, channel, document_number, delivered_on, attachment_id, note, recorded_by, recorded_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), who.tenantId, t.case_id, t.id, input.channel, input.documentNumber, input.deliveredOn, input.attachmentId ?? null, input.note ?? null, who.userId, engine.deps.clock.now()],
      );
      return { action: 'task.offline_delivered', payload: { channel: input.channel, documentNumber: input.documentNumber, deliveredOn: input.deliveredOn, attachmentId: input.attachmentId ?? null } };
    },
  });
}
