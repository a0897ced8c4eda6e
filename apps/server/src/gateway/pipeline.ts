import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import type { RateCounter } from '../platform/rate-counter.ts';
import { hashSecret } from '../platform/secrets.ts';
import { GatewayErrors } from './gateway.errors.ts';
import { isPrincipalAddressAllowed, type Principal, type TierLimits } from './principal.ts';
import { type GatewayRouteConfig, V1_DEPRECATION } from './route-config.ts';
import { findService } from './service-catalog.ts';
import type { TokenCache } from './token-cache.ts';

export interface GatewayDeps {
  tokens: TokenCache;
  counter: RateCounter;
  clock: Clock;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

function invalidToken(code: string, description: string): AppError {
  const challenge =
    code === GatewayErrors.GATEWAY_TOKEN_MISSING ? 'Bearer realm="atlas"' : `Bearer realm="atlas", error="invalid_token", error_description="${description}"`;
  return new AppError(code, description, { headers: { 'WWW-Authenticate': challenge } });
}

/** Stage 3: `Authorization: Bearer <token>` → principal (hashed lookup through the cache). */
async function authenticate(deps: GatewayDeps, request: FastifyRequest, nowMs: number): Promise<Principal> {
  const header = request.headers.authorization;
  if (!header) throw invalidToken(GatewayErrors.GATEWAY_TOKEN_MISSING, 'no access token was sent');
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  if (!match?.[1]) throw invalidToken(GatewayErrors.GATEWAY_TOKEN_INVALID, 'the Authorization header is not a Bearer token');
  const principal = await deps.tokens.resolve(hashSecret(match[1]), nowMs);
  if (!principal || principal.expiresAtMs <= nowMs) throw invalidToken(GatewayErrors.GATEWAY_TOKEN_INVALID, 'the access token is invalid, expired or revoked');
  return principal;
}

/** Stage 5: the service's role (none for Getting Started) and an active subscription of the application. */
function authorize(route: GatewayRouteConfig, principal: Principal): TierLimits {
  const service = findService(route.service);
  if (!service) throw new Error(`route declares unknown service ${route.service}`);
  if (service.role && !principal.roles.has(service.role)) {
    throw new AppError(GatewayErrors.GATEWAY_ROLE_MISSING, `the ${service.title} service needs the ${service.role} role`);
  }
  if (!service.requiresSubscription) return principal.applicationTier;
  const subscription = principal.subscriptions.get(route.service);
  if (subscription?.status !== 'active') {
    throw new AppError(GatewayErrors.GATEWAY_NOT_SUBSCRIBED, `application "${principal.applicationName}" is not subscribed to the ${service.title} service`);
  }
  return subscription;
}

/** Stage 7: fixed windows per application, environment and service; RateLimit-* on every limited answer. */
async function throttle(deps: GatewayDeps, reply: FastifyReply, key: string, tier: TierLimits, nowMs: number): Promise<void> {
  const windows: { ms: number; limit: number }[] = [];
  if (tier.requestsPerMinute !== null) windows.push({ ms: MINUTE, limit: tier.requestsPerMinute });
  if (tier.requestsPerDay !== null) windows.push({ ms: DAY, limit: tier.requestsPerDay });
  if (windows.length === 0) return;
  const counts = await deps.counter.hit(
    key,
    windows.map((w) => w.ms),
    nowMs,
  );
  // Report the window closest to its limit; refuse if any is over.
  let tightest = 0;
  let tightestRemaining = Number.POSITIVE_INFINITY;
  let exceeded: number | undefined;
  windows.forEach((window, i) => {
    const count = counts[i]?.count ?? 0;
    const remaining = window.limit - count;
    if (remaining < tightestRemaining) {
      tightestRemaining = remaining;
      tightest = i;
    }
    if (count > window.limit && exceeded === undefined) exceeded = i;
  });
  const shown = exceeded ?? tightest;
  const resetSeconds = Math.max(1, Math.ceil(((counts[shown]?.resetAt ?? nowMs) - nowMs) / 1000));
  reply.header('RateLimit-Limit', String(windows[shown]?.limit));
  reply.header('RateLimit-Remaining', String(Math.max(0, tightestRemaining)));
  reply.header('RateLimit-Reset', String(resetSeconds));
  if (exceeded !== undefined) {
    throw new AppError(
      GatewayErrors.GATEWAY_RATE_LIMITED,
      `the ${tier.tier} tier allows ${windows[exceeded]?.limit} requests per ${windows[exceeded]?.ms === MINUTE ? 'minute' : 'day'}`,
      {
        headers: { 'Retry-After': String(resetSeconds) },
      },
    );
  }
}

/** Stages 3–7 of the gateway, in order, for a route that declares its service. */
export function gatewayStages(deps: GatewayDeps, route: GatewayRouteConfig) {
  return async function gateway(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const nowMs = deps.clock.now().getTime();
    const principal = await authenticate(deps, request, nowMs);
    request.principal = principal;
    if (route.environments && !route.environments.includes(principal.environment)) {
      throw invalidToken(
        GatewayErrors.GATEWAY_WRONG_ENVIRONMENT,
        `this operation exists only in ${route.environments.join(' and ')}; the token is a ${principal.environment} token`,
      );
    }
    if (!isPrincipalAddressAllowed(principal, request.ip)) {
      throw new AppError(GatewayErrors.GATEWAY_IP_NOT_ALLOWED, `${request.ip} is not in the account's IP allow-list`);
    }
    const tier = authorize(route, principal);
    if (route.version === 'v1' && !route.psiCompatible) {
      reply.header('Deprecation', `@${Date.parse(V1_DEPRECATION.deprecatedAt) / 1000}`);
      reply.header('Sunset', new Date(V1_DEPRECATION.sunsetAt).toUTCString());
      reply.header('Link', `</docs/${route.service}/v2/openapi.json>; rel="successor-version"`);
    }
    if (route.version === 'v1') {
      const accountCode = (request.params as Record<string, string | undefined>).account_code;
      if (accountCode !== undefined && accountCode !== principal.accountCode) {
        throw route.unknownAccount?.() ?? new AppError(GatewayErrors.GATEWAY_ACCOUNT_NOT_FOUND, `no account has the code "${accountCode}"`);
      }
    }
    await throttle(deps, reply, `${principal.applicationId}:${principal.environment}:${route.service}`, tier, nowMs);
  };
}
