import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';

export interface DraftAutosave {
  /** Note the form's current data; saved after the user pauses typing. Ignored when saving is off or nothing changed. */
  changed(data: Record<string, unknown>): void;
  /** Forget what is pending (before submitting: a completed task has no draft). */
  cancel(): void;
  /** The data now held by the server, e.g. the draft the page opened with. */
  reset(data: Record<string, unknown>): void;
  saving: boolean;
  savedAt: Date | undefined;
  failed: boolean;
}

const RETRY_MS = 10_000;

/**
 * Auto-save of unsubmitted form data for the task's assignee (PUT
 * /api/tasks/:id/draft), debounced so a save follows a pause in typing, not
 * each keystroke. A change still pending when the page is left is saved on
 * the way out; a failed save is retried once the user pauses again (or after
 * a while), never lost silently. Only the assignee may save drafts, so the
 * caller turns it on only for them.
 */
export function useDraftAutosave(taskId: string, enabled: boolean, delayMs = 1500): DraftAutosave {
  const [state, setState] = useState<{ saving: boolean; savedAt: Date | undefined; failed: boolean }>({ saving: false, savedAt: undefined, failed: false });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<Record<string, unknown> | undefined>(undefined);
  const lastSaved = useRef<string | undefined>(undefined);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;

  const save = useCallback(async () => {
    const data = pending.current;
    pending.current = undefined;
    if (!data || !enabledRef.current) return;
    const json = JSON.stringify(data);
    if (json === lastSaved.current) return;
    setState((s) => ({ ...s, saving: true }));
    try {
      await api.put(`/api/tasks/${taskId}/draft`, { data });
      lastSaved.current = json;
      setState({ saving: false, savedAt: new Date(), failed: false });
    } catch {
      // Keep it to try again: the next edit or the retry timer sends the newest data.
      pending.current ??= data;
      setState((s) => ({ ...s, saving: false, failed: true }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), RETRY_MS);
    }
  }, [taskId]);

  const changed = useCallback(
    (data: Record<string, unknown>) => {
      if (!enabledRef.current) return;
      if (JSON.stringify(data) === lastSaved.current && pending.current === undefined) return;
      pending.current = data;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), delayMs);
    },
    [save, delayMs],
  );

  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = undefined;
  }, []);

  const reset = useCallback((data: Record<string, unknown>) => {
    lastSaved.current = JSON.stringify(data);
  }, []);

  // Leaving the page (or the task) with a change not yet saved: save it now rather than drop it.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (pending.current) void save();
    },
    [save],
  );

  return { changed, cancel, reset, ...state };
}
