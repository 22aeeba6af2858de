import { api } from './client';

/** One end the county is warned about (platform/src/engine/definitions/expiry-warnings.ts). */
export interface ExpiryWarning {
  scope: 'pack' | 'procedure';
  processKey: string | null;
  name: string;
  /** Last local date on which new cases may start. */
  effectiveTo: string;
  /** 0 on the last day, negative once it has passed. */
  daysLeft: number;
  level: '60' | '30' | '7' | 'expired';
}

/** GET /api/validity/warnings: shared by the staff banner and the designer's pack page, so both say the same. */
export const fetchExpiryWarnings = () => api.get<{ today: string; warnings: ExpiryWarning[] }>('/api/validity/warnings');

/** 7 days or fewer, or past: shown as an error, not a warning. */
export const isUrgent = (w: ExpiryWarning) => w.level === '7' || w.level === 'expired';
