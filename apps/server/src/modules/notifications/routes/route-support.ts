import type { FastifyRequest } from 'fastify';
import { requirePrincipal } from '../../../gateway/require-principal.ts';
import { callerOf } from '../../../gateway/route-support.ts';
import type { ModuleDeps } from '../../../platform/app-types.ts';
import { type DeliveryCaller, servicesOfRoles } from '../deliveries.service.ts';
import type { EndpointCaller, EndpointDeps } from '../endpoints.service.ts';
import { createSecretBox } from '../secret-box.ts';
import type { Resolver } from '../ssrf.policy.ts';

export const PREFIX = '/notifications/v2';
export const TAGS = ['notifications'];
/** The Notifications API is v2 only; the gateway checks token and subscription, the service checks the endpoint's role. */
export const GATEWAY = { gateway: { service: 'notifications', version: 'v2' } } as const;

export { errorResponses, IdempotencyHeaders } from '../../../gateway/route-support.ts';

/** The caller with the roles of its token (an endpoint of a service needs that service's role). */
export function endpointCallerOf(request: FastifyRequest): EndpointCaller {
  return { ...callerOf(request), roles: requirePrincipal(request).roles };
}

/** The caller of delivery operations: it sees deliveries of the services its token's roles cover. */
export function deliveryCallerOf(request: FastifyRequest): DeliveryCaller {
  return { ...callerOf(request), services: servicesOfRoles(requirePrincipal(request).roles) };
}

export function endpointDepsOf(deps: ModuleDeps, resolve?: Resolver): EndpointDeps {
  return { mode: deps.config.mode, box: createSecretBox(deps.config.encryptionKey), resolve };
}

export const ENDPOINT_NOT_FOUND =
  "NOTIFICATIONS_ENDPOINT_NOT_FOUND: no such endpoint in your account and environment (another account's endpoint answers the same).";
export const ROLE_MISSING = "NOTIFICATIONS_ROLE_MISSING: your token lacks the role of the endpoint's service (e.g. psiBooking for booking-notification).";
export const DELIVERY_NOT_FOUND =
  'NOTIFICATIONS_DELIVERY_NOT_FOUND: no such delivery in your account and environment, or of a service your roles do not cover.';
