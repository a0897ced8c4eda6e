import type { FastifyRequest } from 'fastify';
import { Problem, PsiError } from '../../../gateway/error-responses.ts';
import { actorOf } from '../../../gateway/principal.ts';
import { requirePrincipal } from '../../../gateway/require-principal.ts';
import type { ApiVersion } from '../../../gateway/route-config.ts';
import type { TestCaller } from '../test-publication.service.ts';

export const SERVICE = 'test-publication' as const;
export const TAGS = ['test-publication'];

/** The gateway config of an operation of this service in a version. */
export function gatewayOf(version: ApiVersion) {
  return { gateway: { service: SERVICE, version } };
}

/** Account and environment from the token (v1's path account_code is already bound to it by the gateway), and the audit actor. */
export function callerOf(request: FastifyRequest): TestCaller {
  const principal = requirePrincipal(request);
  return { accountId: principal.accountId, environment: principal.environment, actor: actorOf(principal) };
}

/** Documents this service's own error answers in the version's wire format (problem+json for v2, PSI model for v1). */
export function errorResponses(version: ApiVersion, answers: Partial<Record<number, string>>): Record<number, unknown> {
  const body = version === 'v1' ? PsiError : Problem;
  return Object.fromEntries(Object.entries(answers).map(([status, description]) => [status, { ...body, description }]));
}

export const ACCOUNT_NOT_FOUND = 'The account_code is not yours (answered exactly like an unknown account code).';

export const NOT_FOUND =
  "No test with that test_code in your account and environment (another account's test answers the same; on v1 also an account_code that is not yours).";

/** Path parameters of this service (paramsFor() merges the version's prefix parameters, which loses their static type). */
export function pathOf(request: FastifyRequest): { test_code: string; version: number } {
  return request.params as { test_code: string; version: number };
}
