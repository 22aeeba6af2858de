import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { NotFoundError, PayloadTooLargeError, ServiceUnavailableError, ValidationError } from '../../errors/problem-error';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Principal } from '../auth/principal';
import { assertCaseVisible, caseScope, visibleCases } from '../case/case-access';
import type { AttachmentScanStatus } from './attachment.entity';
import { allowedContentType, assertContentMatchesType, DEFAULT_ATTACHMENT_MAX_BYTES, sanitiseFileName } from './attachment-policy';
import { InfectedAttachmentError, noScanner, type AttachmentScanner } from './attachment-scanner';

/** An attachment's metadata, as lists and the upload response show it (never the bytes). */
export interface AttachmentView {
  id: string;
  caseId: string;
  taskId: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes as received: proof of exactly what was uploaded. */
  sha256: string;
  scanStatus: AttachmentScanStatus;
  uploadedBy: string;
  uploadedAt: string;
}

/** What an upload claims before its body is read. */
export interface UploadHeader {
  caseId: string;
  taskId?: string;
  /** As the client sent it; sanitised here. */
  fileName: string;
  /** The Content-Type header. */
  contentType: string | undefined;
  /** The Content-Length header, when the client sent one. */
  declaredBytes?: number;
}

export interface AttachmentServiceDeps {
  clock: Clock;
  audit: AuditLog;
  /** The virus-scan hook; defaults to {@link noScanner}. */
  scanner?: AttachmentScanner;
  /** Largest accepted upload in bytes; defaults to 20 MiB. */
  maxBytes?: number;
}

interface AttachmentRow {
  id: string;
  case_id: string;
  task_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  scan_status: AttachmentScanStatus;
  uploaded_by: string;
  uploaded_at: string | Date;
}

const META_COLUMNS = 'a.id, a.case_id, a.task_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.scan_status, a.uploaded_by, a.uploaded_at';

const toView = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  caseId: r.case_id,
  taskId: r.task_id,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  scanStatus: r.scan_status,
  uploadedBy: r.uploaded_by,
  uploadedAt: new Date(r.uploaded_at).toISOString(),
});

const actorOf = (principal: Principal): AuditActor => ({ id: principal.userId, label: principal.login });

/**
 * Evidence attached to cases. The bytes are stored in PostgreSQL (bytea) so
 * one dump backs up a case with its evidence; each upload is checked against
 * the allow list, its leading bytes and the size limit, passed to the
 * virus-scan hook, hashed, and audited. Whoever may read the case may read
 * its attachments, and nobody else learns they exist.
 */
export class AttachmentService {
  /** Largest accepted upload; the HTTP layer stops reading a body at this many bytes. */
  readonly maxBytes: number;
  private readonly scanner: AttachmentScanner;

  constructor(private readonly deps: AttachmentServiceDeps) {
    this.maxBytes = deps.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
    this.scanner = deps.scanner ?? noScanner;
  }

  /**
   * Everything that can be refused before the body is read: the case and task,
   * the declared type, the name and the declared size. The HTTP layer calls
   * this first so a refused upload costs no bandwidth.
   * @throws NotFoundError (case or task out of reach), UnsupportedMediaTypeError,
   *   ValidationError (file name), PayloadTooLargeError.
   */
  async checkUpload(em: EntityManager, principal: Principal, header: UploadHeader): Promise<{ fileName: string; contentType: string }> {
    await assertCaseVisible(em, principal, header.caseId);
    if (header.taskId) {
      const [task] = await em.execute<{ id: string }[]>('select id from task where id = ? and case_id = ? and tenant_id = ?', [header.taskId, header.caseId, principal.tenantId]);
      if (!task) throw new NotFoundError(`No task ${header.taskId} in case ${header.caseId}.`);
    }
    const contentType = allowedContentType(header.contentType);
    const fileName = sanitiseFileName(header.fileName);
    if (header.declaredBytes !== undefined) this.assertSize(header.declaredBytes);
    return { fileName, contentType };
  }

  /**
   * Store an upload: checks (as {@link checkUpload}), the bytes against the
   * declared type, the scanner (outside the transaction: scans are slow),
   * then the row and its audit entry in one transaction.
   * @throws InfectedAttachmentError when the scanner says so (nothing stored);
   *   ServiceUnavailableError when the scanner fails.
   */
  async upload(em: EntityManager, principal: Principal, header: UploadHeader, content: Buffer): Promise<AttachmentView> {
    const { fileName, contentType } = await this.checkUpload(em, principal, header);
    this.assertSize(content.length);
    if (content.length === 0) throw new ValidationError('The upload is empty.', [{ pointer: '/body', message: 'must not be empty' }]);
    assertContentMatchesType(contentType, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const meta = { tenantId: principal.tenantId, caseId: header.caseId, fileName, contentType, sizeBytes: content.length, sha256 };
    let verdict;
    try {
      verdict = await this.scanner.scan(content, meta);
    } catch (err) {
      throw new ServiceUnavailableError(`The virus scanner could not check the file (${(err as Error).message}); try again later.`);
    }
    if (verdict.verdict === 'infected') throw new InfectedAttachmentError(`The virus scanner refused ${fileName}: ${verdict.reason}. Nothing was stored.`);
    const row: AttachmentRow = {
      id: randomUUID(),
      case_id: header.caseId,
      task_id: header.taskId ?? null,
      file_name: fileName,
      content_type: contentType,
      size_bytes: content.length,
      sha256,
      scan_status: verdict.verdict,
      uploaded_by: principal.userId,
      uploaded_at: this.deps.clock.now(),
    };
    await em.transactional(async (tx) => {
      await tx.execute(
        'insert into attachment (id, tenant_id, case_id, task_id, file_name, content_type, size_bytes, sha256, content, scan_status, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [row.id, principal.tenantId, row.case_id, row.task_id, row.file_name, row.content_type, row.size_bytes, row.sha256, content, row.scan_status, row.uploaded_by, row.uploaded_at],
      );
      await this.deps.audit.append(tx, principal.tenantId, [
        {
          actor: actorOf(principal),
          action: 'attachment.uploaded',
          subject: { type: 'case', id: row.case_id },
          payload: { attachmentId: row.id, taskId: row.task_id, fileName, contentType, sizeBytes: row.size_bytes, sha256, scanStatus: row.scan_status },
        },
      ]);
    });
    return toView(row);
  }

  /** A visible case's attachments, oldest first, without their bytes. @throws NotFoundError for a case out of reach. */
  async list(em: EntityManager, principal: Principal, caseId: string): Promise<AttachmentView[]> {
    await assertCaseVisible(em, principal, caseId);
    const rows = await em.execute<AttachmentRow[]>(`select ${META_COLUMNS} from attachment a where a.case_id = ? and a.tenant_id = ? order by a.uploaded_at, a.id`, [caseId, principal.tenantId]);
    return rows.map(toView);
  }

  /**
   * The bytes and metadata of an attachment whose case the principal may
   * read; the download is audited, since evidence often holds personal data.
   * @throws NotFoundError when the attachment does not exist, is another
   *   tenant's, or its case is out of reach: all look alike.
   */
  async download(em: EntityManager, principal: Principal, attachmentId: string): Promise<{ attachment: AttachmentView; content: Buffer }> {
    const cond = visibleCases(caseScope(principal));
    const [row] = await em.execute<(AttachmentRow & { content: Buffer })[]>(
      `select ${META_COLUMNS}, a.content from attachment a join case_instance c on c.id = a.case_id and c.tenant_id = a.tenant_id where a.id = ? and a.tenant_id = ? and ${cond.sql}`,
      [attachmentId, principal.tenantId, ...cond.params],
    );
    if (!row) throw new NotFoundError(`No attachment ${attachmentId}.`);
    const attachment = toView(row);
    await em.transactional((tx) =>
      this.deps.audit.append(tx, principal.tenantId, [
        { actor: actorOf(principal), action: 'attachment.downloaded', subject: { type: 'case', id: attachment.caseId }, payload: { attachmentId, fileName: attachment.fileName, sha256: attachment.sha256 } },
      ]),
    );
    return { attachment, content: Buffer.from(row.content) };
  }

  /**
   * For records that cite evidence (an offline delivery's scanned letter):
   * the attachment must exist in this tenant and belong to this case.
   * @throws ValidationError pointing at `pointer` otherwise (the caller named a wrong id in its body).
   */
  async assertAttachmentOfCase(em: EntityManager, tenantId: string, attachmentId: string, caseId: string, pointer = '/body/attachmentId'): Promise<void> {
    const [row] = await em.execute<{ id: string }[]>('select id from attachment where id = ? and tenant_id = ? and case_id = ?', [attachmentId, tenantId, caseId]);
    if (!row) throw new ValidationError(`Attachment ${attachmentId} is not an attachment of case ${caseId}; upload it to the case first.`, [{ pointer, message: 'must be an attachment of this case' }]);
  }

  /** @throws PayloadTooLargeError above the limit. */
  assertSize(bytes: number): void {
    if (bytes > this.maxBytes) throw new PayloadTooLargeError(`Attachments may be at most ${this.maxBytes} bytes (${(this.maxBytes / 1048576).toFixed(1)} MiB).`, this.maxBytes);
  }
}
