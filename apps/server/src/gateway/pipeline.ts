import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentedAccessToken } from '../modules/oauth/access-token-format.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import type { RateCounter, WindowCount } from '../platform/rate-counter.ts';
import { GatewayErrors } from './gateway.errors.ts';
import { isPrincipalAddressAllowed, type Principal, type TierLimits } from './principal.ts';
import { type GatewayRouteConfig, V1_DEPRECATION } from './route-config.ts';
import { findService, type ServiceDefinition } from './service-catalog.ts';
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

/** Stage 3: `Authorization: Bearer <token>` → principal (hashed lookup through the cache; a promise only on a miss). */
function authenticate(deps: GatewayDeps, request: FastifyRequest, nowMs: number): Principal | Promise<Principal> {
  const header = request.headers.authorization;
  if (!header) throw invalidToken(GatewayErrors.GATEWAY_TOKEN_MISSING, 'no access token was sent');
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  if (!match?.[1]) throw invalidToken(GatewayErrors.GATEWAY_TOKEN_INVALID, 'the Authorization header is not a Bearer token');
  const resolved = deps.tokens.resolve(presentedAccessToken(match[1]), nowMs);
  return resolved instanceof Promise ? resolved.then((principal) => usable(principal, nowMs)) : usable(resolved, nowMs);
}

function usable(principal: Principal | null, nowMs: number): Principal {
  if (!principal || principal.expiresAtMs <= nowMs) throw invalidToken(GatewayErrors.GATEWAY_TOKEN_INVALID, 'the access token is invalid, expired or revoked');
  return principal;
}

/** Stage 5: the service's role (none for Getting Started) and an active subscription of the application. */
function authorize(route: GatewayRouteConfig, service: ServiceDefinition, principal: Principal): TierLimits {
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

interface ThrottleWindow {
  ms: number;
  limit: number;
}

/** A tier's windows, derived once per tier object (tiers live in cached principals, so this runs once a reload). */
const windowsOfTier = new WeakMap<TierLimits, { windows: ThrottleWindow[]; windowsMs: number[] }>();

function tierWindows(tier: TierLimits): { windows: ThrottleWindow[]; windowsMs: number[] } {
  let derived = windowsOfTier.get(tier);
  if (!derived) {
    const windows: ThrottleWindow[] = [];
    if (tier.requestsPerMinute !== null) windows.push({ ms: MINUTE, limit: tier.requestsPerMinute });
    if (tier.requestsPerDay !== null) windows.push({ ms: DAY, limit: tier.requestsPerDay });
    derived = { windows, windowsMs: windows.map((w) => w.ms) };
    windowsOfTier.set(tier, derived);
  }
  return derived;
}

/** Stage 7: fixed windows per application, environment and service; RateLimit-* on every limited answer. */
function throttle(deps: GatewayDeps, reply: FastifyReply, key: string, tier: TierLimits, nowMs: number): void | Promise<void> {
  const { windows, windowsMs } = tierWindows(tier);
  if (windows.length === 0) return;
  const counts = deps.counter.hit(key, windowsMs, nowMs);
  if (counts instanceof Promise) return counts.then((resolved) => applyThrottle(reply, windows, resolved, tier, nowMs));
  applyThrottle(reply, windows, counts, tier, nowMs);
}

function applyThrottle(reply: FastifyReply, windows: ThrottleWindow[], counts: WindowCount[], tier: TierLimits, nowMs: number): void {
  // Report the window closest to its limit; refuse if any is over.
  let tightest = 0;
  let tightestRemaining = Number.POSITIVE_INFINITY;
  let exceeded: number | undefined;
  for (let i = 0; i < windows.length; i++) {
    const { limit } = windows[i] as ThrottleWindow;
    const count = counts[i]?.count ?? 0;
    const remaining = limit - count;
    if (remaining < tightestRemaining) {
      tightestRemaining = remaining;
      tightest = i;
    }
    if (count > limit && exceeded === undefined) exceeded = i;
  }
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

function unknownService(name: string): never {
  throw new Error(`route declares unknown service ${name}`);
}

/**
 * Stages 3–7 of the gateway, in order, for a route that declares its service, as a callback-style onRequest hook.
 * The common path (principal cached, in-process counter) runs without creating a promise; a cache miss or a Redis
 * counter continues asynchronously. A throw anywhere reaches Fastify's error handling either way.
 */
export function gatewayStages(deps: GatewayDeps, route: GatewayRouteConfig) {
  const service = findService(route.service) ?? unknownService(route.service);
  const deprecationHeaders =
    route.version === 'v1' && !route.psiCompatible
      ? {
          Deprecation: `@${Date.parse(V1_DEPRECATION.deprecatedAt) / 1000}`,
          Sunset: new Date(V1_DEPRECATION.sunsetAt).toUTCString(),
          Link: `</docs/${route.service}/v2/openapi.json>; rel="successor-version"`,
        }
      : undefined;

  /** Stages 4–7 once the principal is known. */
  function admit(request: FastifyRequest, reply: FastifyReply, principal: Principal, nowMs: number): void | Promise<void> {
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
    const tier = authorize(route, service, principal);
    if (deprecationHeaders) reply.headers(deprecationHeaders);
    if (route.version === 'v1') {
      const accountCode = (request.params as Record<string, string | undefined>).account_code;
      if (accountCode !== undefined && accountCode !== principal.accountCode) {
        throw route.unknownAccount?.() ?? new AppError(GatewayErrors.GATEWAY_ACCOUNT_NOT_FOUND, `no account has the code "${accountCode}"`);
      }
    }
    return throttle(deps, reply, `${principal.applicationId}:${principal.environment}:${route.service}`, tier, nowMs);
  }

  return function gateway(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void {
    const nowMs = deps.clock.now().getTime();
    const principal = authenticate(deps, request, nowMs);
    const admitted = principal instanceof Promise ? principal.then((p) => admit(request, reply, p, nowMs)) : admit(request, reply, principal, nowMs);
    if (admitted instanceof Promise) admitted.then(() => done(), done);
    else done();
  };
}
