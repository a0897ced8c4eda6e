import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AtlasApp } from '../../platform/app-types.ts';
import type { RevocationBus } from '../../platform/revocations.ts';

/** Portal calls that change what gateway nodes cache: roles, CIDRs, statuses, subscriptions, keys and secrets. */
const CHANGES_CACHED_CONFIGURATION = /^\/(store\/api\/applications|admin\/api\/(accounts|applications))(\/|$)/;

/**
 * After a successful change through the portal, every node drops its cached principals and clients (the cluster
 * bus), as the admin CLI does: a disabled application or a removed subscription stops working at once, not after
 * the cache TTL. Added per route (onRoute), so gateway routes pay nothing.
 */
export function announceConfigChanges(app: AtlasApp, bus: RevocationBus): void {
  const announce = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 400) await bus.publishConfigChange(`portal ${request.method} ${request.routeOptions.url}`);
    return payload;
  };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!CHANGES_CACHED_CONFIGURATION.test(route.url) || methods.every((m) => m === 'GET' || m === 'HEAD')) return;
    const existing = route.onSend ? (Array.isArray(route.onSend) ? route.onSend : [route.onSend]) : [];
    route.onSend = [...existing, announce];
  });
}
