import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries (OWASP REST Security): `nosniff` so no browser runs a JSON error as a script,
 * `no-store` on partner API answers (they hold candidate data and are bound to a token) unless a route chose its own
 * caching, and HSTS in production, where Atlas sits behind TLS. Portal pages add their CSP in the portal module.
 */
export function installSecurityHeaders(app: FastifyInstance, options: { production: boolean }): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (options.production) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    let gateway: unknown;
    try {
      gateway = request.routeOptions?.config?.gateway;
    } catch {
      gateway = undefined; // framework errors arrive on a request without a route context
    }
    if (gateway && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
}
