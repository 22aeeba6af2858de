import type { Clock } from '../../clock';
import type { AuditLog } from '../audit/audit-log';

/** Evidence uploads and downloads (stub: filled in by the attachments work). */
export class AttachmentService {
  constructor(readonly deps: { clock: Clock; audit: AuditLog }) {}
}
