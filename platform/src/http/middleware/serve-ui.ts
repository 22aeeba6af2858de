import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/**
 * Serve a built single-page UI under a path prefix ('' for the root): its
 * files as they are (hashed assets under assets/ cached for a year), and its
 * index.html for any other GET below the prefix that is not an API call, so
 * client-side routes (/inbox, /admin/procedures/x) survive a reload.
 * Returns null when the folder holds no build, so the API runs alone.
 */
export function serveUi(dir: string | undefined, prefix = ''): Middleware | null {
  if (!dir || !existsSync(path.join(dir, 'index.html'))) return null;
  const files = serve(dir, {
    index: false,
    setHeaders(res, file) {
      if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const index = serve(dir, { index: 'index.html', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') });
  const mine = (p: string) => prefix === '' || p === prefix || p.startsWith(`${prefix}/`);
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !mine(ctx.path)) return next();
    const original = ctx.path;
    ctx.path = original.slice(prefix.length) || '/';
    await files(ctx, async () => undefined);
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (path.extname(ctx.path) !== '') {
      ctx.path = original;
      return next(); // a missing asset stays a 404
    }
    ctx.path = '/';
    await index(ctx, next);
  };
}
