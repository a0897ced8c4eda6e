import type { FastifyReply } from 'fastify';
import type { AtlasConfig } from '../../config.ts';
import { publicOrigin } from '../../gateway/route-support.ts';
import { SERVICES } from '../../gateway/service-catalog.ts';
import type { AtlasApp } from '../../platform/app-types.ts';

/** Security headers for every page the portal serves (targets.md: "security headers on the portal"). */
export function setPageSecurityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-cache');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The portal's front door. The full API Store (log in, applications, keys, subscriptions, Swagger UI) is the React
 * app of issue 8; until then this page lists the API documents and the first three calls, so the URL the server
 * prints leads somewhere useful.
 */
export function portalModule(app: AtlasApp, config: AtlasConfig, servicesWithRoutes: ReadonlySet<string>): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const origin = escapeHtml(publicOrigin(config, request));
    const documents = SERVICES.flatMap((s) =>
      ['v1', 'v2']
        .filter((v) => servicesWithRoutes.has(`${s.slug}/${v}`))
        .map((v) => `<li><a href="/docs/${s.slug}/${v}/openapi.json">${escapeHtml(s.title)} ${v}</a> — ${escapeHtml(s.summary)}</li>`),
    );
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Atlas API Store</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}pre{padding:.8rem;overflow:auto}</style>
</head><body>
<h1>Atlas API Store</h1>
<p>Partner API platform. Sign-in, applications and keys arrive with the full API Store; your implementation coordinator gives you an account code, a username and a one-time password.</p>
<h2>First calls</h2>
<pre>curl -u "$KEY:$SECRET" -d grant_type=client_credentials ${origin}/oauth2/token
curl -H "Authorization: Bearer $TOKEN" ${origin}/getting-started/v2/ping
curl -H "Authorization: Bearer $TOKEN" ${origin}/getting-started/v2/whoami</pre>
<h2>API references (OpenAPI 3.1)</h2>
<ul><li><a href="/docs/token/v1/openapi.json">Token API</a> — OAuth 2.0 tokens, revocation, introspection</li>${documents.join('')}</ul>
<p><a href="/docs/errors">Error catalogue</a> · <a href="/.well-known/oauth-authorization-server">Authorization server metadata</a></p>
</body></html>`;
    return setPageSecurityHeaders(reply).type('text/html; charset=utf-8').send(html);
  });
}
