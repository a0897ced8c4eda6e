import type { Environment } from '../db/schema.ts';
import type { AppError } from '../platform/errors.ts';
import type { Principal } from './principal.ts';
import type { ServiceSlug } from './service-catalog.ts';

export type ApiVersion = 'v1' | 'v2';
export type ErrorFormat = 'problem' | 'psi' | 'oauth';

/** What a service route declares; the gateway applies token, IP, role, subscription, binding and throttling from it. */
export interface GatewayRouteConfig {
  service: ServiceSlug;
  version: ApiVersion;
  /** Environments the operation exists in; both by default. */
  environments?: readonly Environment[];
  /** v1: the answer for an `account_code` that is not the caller's (the endpoint's own "unknown account"). */
  unknownAccount?: () => AppError;
  /** v1 routes that reproduce PSI's published API are not deprecated; other v1 routes carry Deprecation/Sunset. */
  psiCompatible?: boolean;
}

/** v1 mirrors of v2 operations are deprecated (RFC 9745) and sunset (RFC 8594) on these dates. */
export const V1_DEPRECATION = { deprecatedAt: '2026-01-01T00:00:00Z', sunsetAt: '2027-12-31T23:59:59Z' };

declare module 'fastify' {
  interface FastifyContextConfig {
    gateway?: GatewayRouteConfig;
    /** Wire format of errors; by default v1 → psi, everything else → problem. */
    errorFormat?: ErrorFormat;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function errorFormatOf(config: { gateway?: GatewayRouteConfig; errorFormat?: ErrorFormat } | undefined): ErrorFormat {
  if (config?.errorFormat) return config.errorFormat;
  return config?.gateway?.version === 'v1' ? 'psi' : 'problem';
}
