import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * A report or suggestion from the public (社会监督), tied to the case it
 * started. The receipt code is the submitter's only handle: random, not
 * guessable, and it reveals nothing but the case's public status.
 */
export const PublicSubmission = defineEntity({
  name: 'PublicSubmission',
  tableName: 'public_submission',
  uniques: [{ properties: ['tenantId', 'receiptCode'] }],
  indexes: [{ properties: ['tenantId', 'contentHash'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    receiptCode: p.string().length(32),
    caseId: p.uuid(),
    /** SHA-256 of the normalised submission, to refuse the same text sent again and again. */
    contentHash: p.string().length(64),
    /** SHA-256 of the client address, never the address itself. */
    addressHash: p.string().length(64),
    createdAt: p.datetime(),
  },
});
export type PublicSubmission = InferEntity<typeof PublicSubmission>;
