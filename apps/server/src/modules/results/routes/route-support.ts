import type { FastifyRequest } from 'fastify';
import type { ApiVersion } from '../../../gateway/route-config.ts';
import { unknownResultsAccount } from '../results.v1.ts';

export const SERVICE = 'results' as const;
export const TAGS = ['results'];

export function gatewayOf(version: ApiVersion) {
  return { gateway: { service: SERVICE, version } };
}

/** PSI's inbound endpoints: not deprecated, and an account code not the caller's answers like an unknown account. */
export const PSI_CONFIG = { gateway: { service: SERVICE, version: 'v1' as const, psiCompatible: true, unknownAccount: unknownResultsAccount } };

export { absentBodyIsEmpty, callerOf, errorResponses, IdempotencyHeaders, sendIdempotent } from '../../../gateway/route-support.ts';

export function pathOf(request: FastifyRequest): { result_id: string } {
  return request.params as { result_id: string };
}

export const RESULT_NOT_FOUND =
  "RESULT_NOT_FOUND: no such result in your account and environment (another account's result answers the same; on v1 also an account_code that is not yours).";
