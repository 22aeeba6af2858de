import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/**
 * Serve a built single-page UI: its files as they are (hashed assets under
 * /assets cached for a year), and index.html for any other GET that is not
 * an API call, so client-side routes (/inbox, /tasks/:id) survive a reload.
 * Returns null when the folder holds no build, so the API runs alone.
 */
export function serveUi(dir: string | undefined): Middleware | null {
  if (!dir || !existsSync(path.join(dir, 'index.html'))) return null;
  const files = serve(dir, {
    index: false,
    setHeaders(res, file) {
      if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const index = serve(dir, { index: 'index.html', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') });
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    await files(ctx, async () => undefined);
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (path.extname(ctx.path) !== '') return next(); // a missing asset stays a 404
    ctx.path = '/';
    await index(ctx, next);
  };
}
