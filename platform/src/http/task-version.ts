import type { Context } from 'koa';
import { BadRequestError } from '../errors/problem-error';

/** The ETag of a task at a version; GET /api/tasks/:id sends it, commands take it back in If-Match. */
export function taskEtag(version: number): string {
  return `"t${version}"`;
}

/**
 * The task version a command expects, from If-Match (an ETag of
 * {@link taskEtag}) or the body's `version` field; undefined when the
 * caller sent neither (last writer wins only for idempotent-safe claims).
 * @throws BadRequestError for an If-Match that is not one of our ETags, or that disagrees with `version`.
 */
export function expectedTaskVersion(koa: Context, bodyVersion: number | undefined): number | undefined {
  const header = koa.get('If-Match').trim();
  if (header === '' || header === '*') return bodyVersion;
  const match = /^(?:W\/)?"t(\d{1,9})"$/.exec(header);
  if (!match) throw new BadRequestError('If-Match must be the ETag of the task as GET /api/tasks/:id returned it, e.g. "t3".');
  const version = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== version) throw new BadRequestError('If-Match and the body\'s version disagree; send one of them.');
  return version;
}
