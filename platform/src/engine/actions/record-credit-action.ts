import { randomUUID } from 'node:crypto';
import type { ActionDefinition } from './action-registry';

/** recordCredit: a credit-record entry about the permit holder (e.g. a false commitment under a notification-commitment scheme). */
export const recordCreditAction: ActionDefinition = {
  name: 'recordCredit',
  title: '纳入信用记录',
  description: 'Writes a credit-record entry for the subject (name and 统一社会信用代码 / 公民身份号码).',
  inputSchema: {
    type: 'object',
    required: ['subjectName', 'kind', 'description'],
    properties: {
      subjectName: { type: 'string', minLength: 1, maxLength: 300 },
      subjectCode: { type: ['string', 'null'], maxLength: 50 },
      kind: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: 'string', minLength: 1 },
    },
  },
  async run(ctx) {
    const input = ctx.inputs as { subjectName: string; subjectCode?: string | null; kind: string; description: string };
    const id = randomUUID();
    await ctx.em.execute('insert into credit_record (id, tenant_id, case_id, subject_name, subject_code, kind, description, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)', [
      id,
      ctx.tenantId,
      ctx.caseId,
      input.subjectName,
      input.subjectCode ?? null,
      input.kind,
      input.description,
      ctx.now,
    ]);
    ctx.record('credit.recorded', { creditRecordId: id, kind: input.kind });
    return id;
  },
};
