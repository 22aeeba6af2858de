import { ApiError, qs, request } from '../../api/client';
import type { AttachmentInfo } from '../../api/types';
import type { TaskMessageKey } from '../../i18n/task-messages';
import { problemText } from './field-errors';

/**
 * Upload one file as evidence of a case: the raw bytes with the file's own
 * Content-Type (not multipart), the name in the query string, optionally
 * tied to the task it was uploaded from (docs/attachments.md).
 */
export async function uploadAttachment(caseId: string, file: File, taskId?: string): Promise<AttachmentInfo> {
  const { data } = await request<AttachmentInfo>(`/api/cases/${caseId}/attachments${qs({ fileName: file.name, taskId })}`, { method: 'POST', raw: file });
  return data;
}

/** The message for a refused upload: too large (413), wrong type (415), empty or infected (422). */
export function uploadErrorMessage(err: unknown, tt: (key: TaskMessageKey, vars?: Record<string, string>) => string): string {
  const detail = problemText(err);
  if (err instanceof ApiError && err.status === 413) return tt('attachments.tooLarge', { detail });
  if (err instanceof ApiError && err.status === 415) return tt('attachments.badType', { detail });
  return tt('attachments.rejected', { detail });
}
