import { ProblemError } from '../../errors/problem-error';

/** What the scanner knows about an upload besides its bytes (for its logs and quarantine reports). */
export interface AttachmentScanMeta {
  tenantId: string;
  caseId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * A scanner's answer. `not_scanned` is an honest "I did not look" (no scanner
 * configured, or a scanner that skips some types); it is stored with the row
 * so evidence uploaded before a scanner existed can be found and rescanned.
 */
export type AttachmentScanVerdict = { verdict: 'clean' } | { verdict: 'infected'; reason: string } | { verdict: 'not_scanned' };

/**
 * The virus-scan hook (a port): the platform calls it for every upload before
 * anything is stored and refuses `infected` uploads. Deployments plug in
 * ClamAV or a vendor engine through `createServices({ attachmentScanner })`;
 * the platform itself never talks to a scanner. A scanner that throws makes
 * the upload fail (503), so a broken scanner never waves files through.
 */
export interface AttachmentScanner {
  scan(bytes: Uint8Array, meta: AttachmentScanMeta): Promise<AttachmentScanVerdict>;
}

/** The default: no scanner configured, so every upload is stored as `not_scanned`. */
export const noScanner: AttachmentScanner = {
  async scan() {
    return { verdict: 'not_scanned' };
  },
};

/** Thrown when the scanner reports an upload as infected; nothing is stored. */
export class InfectedAttachmentError extends ProblemError {
  readonly status = 422;
  readonly title = 'Attachment refused by the virus scanner';
  readonly code = 'attachment-infected';
}
