import { type TProperties, Type } from 'typebox';
import { ACCOUNT_CODE } from '../../../gateway/api-versions.ts';
import { Problem, PsiError } from '../../../gateway/error-responses.ts';
import type { AppError } from '../../../platform/errors.ts';

export const TAGS = ['eligibility'];

/** v1 routes reproduce PSI's published API: not deprecated, and each has its own "unknown account" answer. */
export function v1Config(unknownAccount?: () => AppError) {
  return { gateway: { service: 'eligibility' as const, version: 'v1' as const, psiCompatible: true, ...(unknownAccount ? { unknownAccount } : {}) } };
}

export const V2_CONFIG = { gateway: { service: 'eligibility' as const, version: 'v2' as const } };

export const NoContent = Type.Null({ description: 'No content.' });

/** A documented v1 400 listing the published texts this endpoint can answer. */
export function psi400(texts: string[]) {
  return { ...PsiError, description: `Refused. error_description is one of (exactly): ${texts.map((t) => `"${t}"`).join('; ')}; or the invalid field.` };
}

export function problem(description: string) {
  return { ...Problem, description };
}

/** Path parameters of a v1 route: `account_code` plus the operation's own. */
export function paramsV1<T extends TProperties>(own: T = {} as T) {
  return Type.Object({ account_code: ACCOUNT_CODE, ...own });
}
