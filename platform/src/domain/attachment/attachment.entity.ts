import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** What the virus-scan hook said about an upload: refused uploads are never stored, so only these remain. */
export type AttachmentScanStatus = 'clean' | 'not_scanned';

/**
 * Evidence attached to a case (a scan of a 书面公函, a photo from an
 * inspection). The bytes live in PostgreSQL (bytea) so one pg_dump backs up
 * cases and their evidence together; the SHA-256 proves what was uploaded.
 */
export const Attachment = defineEntity({
  name: 'Attachment',
  tableName: 'attachment',
  indexes: [{ properties: ['tenantId', 'caseId'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    caseId: p.uuid(),
    taskId: p.uuid().nullable(),
    fileName: p.string().length(255),
    contentType: p.string().length(100),
    sizeBytes: p.integer(),
    sha256: p.string().length(64),
    content: p.blob().lazy(),
    scanStatus: p.string().length(20).$type<AttachmentScanStatus>(),
    uploadedBy: p.uuid(),
    uploadedAt: p.datetime(),
  },
});
export type Attachment = InferEntity<typeof Attachment>;
