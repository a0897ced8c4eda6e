import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { AtlasConfig } from '../../config.ts';
import type { AtlasApp } from '../../platform/app-types.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { setPortalSecurityHeaders } from './portal-auth.ts';

/** Where `npm run build -w apps/portal` writes the single-page app (override for packaging with ATLAS_PORTAL_DIST). */
export function portalDistDir(): string {
  return process.env.ATLAS_PORTAL_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../portal/dist');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Atlas portal not built</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto"><h1>The portal is not built</h1>
<p>Run <code>npm run build -w apps/portal</code> (the root <code>npm start</code> does it first), then reload.</p></body></html>`;

/**
 * Serves the built SPA: hashed assets under /ui/ (cacheable for a year), and index.html for every page of /store and
 * /admin so deep links work. `/` leads to the API Store.
 */
export function portalPages(app: AtlasApp, config: AtlasConfig): void {
  const dist = portalDistDir();
  const indexFile = path.join(dist, 'index.html');
  void app.register(fastifyStatic, {
    root: path.join(dist, 'ui'),
    prefix: '/ui/',
    index: false,
    wildcard: true,
    decorateReply: false,
    // File names carry a content hash (Vite), so a file never changes under its name.
    maxAge: 365 * 86_400_000,
    immutable: true,
    setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
  });

  let cached: string | undefined;
  const page = async (request: { url: string }, reply: import('fastify').FastifyReply) => {
    if (/^\/(store|admin)\/api(\/|$)/.test(request.url)) throw new AppError(PlatformErrors.NOT_FOUND);
    setPortalSecurityHeaders(reply, config).type('text/html; charset=utf-8');
    if (!fs.existsSync(indexFile)) return reply.code(503).send(NOT_BUILT);
    // Read once per process in production; re-read in development so a rebuild shows without a restart.
    const html = config.mode === 'production' && cached ? cached : fs.readFileSync(indexFile, 'utf8');
    cached = html;
    return reply.send(html);
  };
  for (const realm of ['store', 'admin']) {
    app.get(`/${realm}`, { schema: { hide: true } }, page);
    app.get(`/${realm}/*`, { schema: { hide: true } }, page);
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/store', 302));
}
