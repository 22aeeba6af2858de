import { ApiError, type FieldError } from '../../api/client';

/** The value a JSON pointer ("/items/0/phone") designates inside form data. */
function valueAt(data: unknown, pointer: string): unknown {
  let at: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at;
}

/**
 * The server's field errors that still apply after an edit: an error goes
 * away as soon as the user changes the field it is about, so a corrected
 * field stops showing a stale message while the others keep theirs.
 */
export function keepUnchangedErrors(errors: FieldError[], before: unknown, after: unknown): FieldError[] {
  if (!errors.length) return errors;
  const kept = errors.filter((e) => JSON.stringify(valueAt(before, e.pointer)) === JSON.stringify(valueAt(after, e.pointer)));
  return kept.length === errors.length ? errors : kept;
}

/** A short human sentence for a failed request: the problem's detail, else its title, else the status. */
export function problemText(err: unknown): string {
  if (err instanceof ApiError) return err.problem?.detail ?? err.problem?.title ?? `HTTP ${err.status}`;
  return err instanceof Error ? err.message : String(err);
}
