import type { FastifyRequest } from 'fastify';
import type { AtlasConfig } from '../../../config.ts';
import type { ApiVersion } from '../../../gateway/route-config.ts';

export const SERVICE = 'booking' as const;
export const TAGS = ['booking'];

export function gatewayOf(version: ApiVersion, environments?: readonly ('production' | 'sandbox')[]) {
  return { gateway: { service: SERVICE, version, ...(environments ? { environments } : {}) } };
}

export { absentBodyIsEmpty, callerOf, errorResponses, IdempotencyHeaders } from '../../../gateway/route-support.ts';

export function codeOf(request: FastifyRequest): string {
  return (request.params as { booking_code: string }).booking_code;
}

export function settingsOf(config: AtlasConfig) {
  return {
    holdTtlSeconds: config.holdTtlSeconds,
    maxActiveHoldsPerAccount: config.maxActiveHoldsPerAccount,
    onlineSeatsPerHalfHour: config.onlineSeatsPerHalfHour,
  };
}

export const NOT_FOUND =
  "BOOKING_NOT_FOUND: no such booking in your account and environment (another account's booking answers the same; on v1 also an account_code that is not yours).";
