import type { FastifyRequest } from 'fastify';
import type { ApiVersion } from '../../../gateway/route-config.ts';

export const SERVICE = 'test-publication' as const;
export const TAGS = ['test-publication'];

/** The gateway config of an operation of this service in a version. */
export function gatewayOf(version: ApiVersion) {
  return { gateway: { service: SERVICE, version } };
}

export { callerOf, errorResponses } from '../../../gateway/route-support.ts';

export const ACCOUNT_NOT_FOUND = 'The account_code is not yours (answered exactly like an unknown account code).';

export const NOT_FOUND =
  "No test with that test_code in your account and environment (another account's test answers the same; on v1 also an account_code that is not yours).";

/** Path parameters of this service (paramsFor() merges the version's prefix parameters, which loses their static type). */
export function pathOf(request: FastifyRequest): { test_code: string; version: number } {
  return request.params as { test_code: string; version: number };
}
