import type { FastifyRequest } from 'fastify';
import type { ApiVersion } from '../../../gateway/route-config.ts';

export const SERVICE = 'proctoring' as const;
export const TAGS = ['proctoring'];

export function gatewayOf(version: ApiVersion, environments?: readonly ('production' | 'sandbox')[]) {
  return { gateway: { service: SERVICE, version, ...(environments ? { environments } : {}) } };
}

export { absentBodyIsEmpty, callerOf, errorResponses, IdempotencyHeaders, publicOrigin, sendIdempotent } from '../../../gateway/route-support.ts';

/** Path parameters (paramsFor() merges the version prefix's parameters, which loses their static type). */
export function pathOf(request: FastifyRequest): { session_id: string; booking_code: string } {
  return request.params as { session_id: string; booking_code: string };
}

export const SESSION_NOT_FOUND =
  "PROCTORING_SESSION_NOT_FOUND: no such session in your account and environment (another account's session answers the same; on v1 also an account_code that is not yours).";
