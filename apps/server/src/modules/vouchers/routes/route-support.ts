import type { FastifyRequest } from 'fastify';
import type { ApiVersion } from '../../../gateway/route-config.ts';

export const SERVICE = 'vouchers' as const;
export const TAGS = ['vouchers'];

export function gatewayOf(version: ApiVersion) {
  return { gateway: { service: SERVICE, version } };
}

export { absentBodyIsEmpty, callerOf, errorResponses, IdempotencyHeaders } from '../../../gateway/route-support.ts';

/** Path parameters (paramsFor() merges the version prefix's parameters, which loses their static type). */
export function pathOf(request: FastifyRequest): { code: string; batch_id: string } {
  return request.params as { code: string; batch_id: string };
}

export const CODE_NOT_FOUND =
  "VOUCHER_NOT_FOUND: no such code in your account and environment (another account's code answers the same; on v1 also an account_code that is not yours).";
export const BATCH_NOT_FOUND =
  "VOUCHER_BATCH_NOT_FOUND: no such batch in your account and environment (another account's batch answers the same; on v1 also an account_code that is not yours).";
export const REFUSED =
  'The code cannot make this transition now; `code` says why: VOUCHER_EXPIRED, VOUCHER_VOID, VOUCHER_ALREADY_REDEEMED, VOUCHER_FORFEITED, VOUCHER_RESERVED, VOUCHER_NOT_IN_USE.';
