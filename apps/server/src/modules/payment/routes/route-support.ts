import type { FastifyRequest } from 'fastify';
import type { Environment } from '../../../db/schema.ts';
import type { ApiVersion } from '../../../gateway/route-config.ts';

export const SERVICE = 'payment' as const;
export const TAGS = ['payment'];

export function gatewayOf(version: ApiVersion, environments?: readonly Environment[]) {
  return { gateway: { service: SERVICE, version, ...(environments ? { environments } : {}) } };
}

export { callerOf, errorResponses, IdempotencyHeaders, sendIdempotent } from '../../../gateway/route-support.ts';

/** Path parameters (paramsFor() merges the version prefix's parameters, which loses their static type). */
export function pathOf(request: FastifyRequest): { payment_id: string; month: string } {
  return request.params as { payment_id: string; month: string };
}

export const PAYMENT_NOT_FOUND =
  "PAYMENT_NOT_FOUND: no such payment in your account and environment (another account's payment answers the same; on v1 also an account_code that is not yours).";
export const V1_ACCOUNT = 'v1: the account_code is not yours (answered like an unknown account).';
