import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Problem, PsiError } from '../../../gateway/error-responses.ts';
import { actorOf } from '../../../gateway/principal.ts';
import { requirePrincipal } from '../../../gateway/require-principal.ts';
import type { ApiVersion } from '../../../gateway/route-config.ts';
import type { VoucherActorScope } from '../voucher-lifecycle.service.ts';

export const SERVICE = 'vouchers' as const;
export const TAGS = ['vouchers'];

export function gatewayOf(version: ApiVersion) {
  return { gateway: { service: SERVICE, version } };
}

/** Account and environment from the token (v1's account_code is already bound to it by the gateway) and the audit actor. */
export function callerOf(request: FastifyRequest): VoucherActorScope {
  const principal = requirePrincipal(request);
  return { accountId: principal.accountId, environment: principal.environment, actor: actorOf(principal) };
}

export function errorResponses(version: ApiVersion, answers: Partial<Record<number, string>>): Record<number, unknown> {
  const body = version === 'v1' ? PsiError : Problem;
  return Object.fromEntries(Object.entries(answers).map(([status, description]) => [status, { ...body, description }]));
}

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

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description:
        'Makes retries safe: the same key and body replay the first answer (with `Idempotent-Replayed: true`); the same key with another body answers 422.',
      examples: ['5f0c2a9e-7d1b-4c39-9a53-1f6f0e2f8c11'],
    }),
  ),
});

/** Bodiless POSTs (void, expire, restore, redeem without options) are normal: an absent body reads as `{}`. */
export async function absentBodyIsEmpty(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}
