import type { Clock } from '../../clock';
import type { AuditLog } from '../audit/audit-log';
import type { Engine } from '../../engine/engine';

/** Public reports and suggestions with receipt codes (stub: filled in by the public-endpoint work). */
export class PublicIntakeService {
  constructor(readonly deps: { clock: Clock; audit: AuditLog; engine: Engine }) {}
}
