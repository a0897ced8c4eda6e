/**
 * The PSI-compatible v1 face of the service (psi-compat.md E1–E8). Addressing is (account, candidate_id, test_code);
 * every "not found" is a 400 with PSI's published `error_description`, character for character (doubled periods
 * included). Texts marked (ours) fill gaps PSI did not document.
 */
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findTest } from '../test-publication/test-publication.repository.ts';
import { EligibilityErrors } from './eligibility.errors.ts';
import { statesForStatusFilter } from './eligibility.policy.ts';
import { type EligibilityScope, findActiveEligibility, findCandidate } from './eligibility.repository.ts';
import type { EligibilityWriteBody } from './eligibility.schemas.ts';
import { createEligibility, type EligibilityActorScope, updateEligibility } from './eligibility.service.ts';
import { psiReadModel } from './eligibility.views.ts';
import { cancelEligibility, type LaunchDeps, launchInfo, listEligibilityRecords, replaceVouchers } from './eligibility-lifecycle.service.ts';

export const PSI_TEXT = {
  accountAndTest: 'Unable to get the account and test details for the given accountCode/testCode.',
  accountAndTestDoubled: 'Unable to get the account and test details for the given accountCode/testCode..',
  account: 'Unable to get the account details for the given accountCode.',
  testMapping: 'No mapping found for the given test code.',
  candidateDetails: 'Candidate details not found for the given candidate id.',
  candidateNoData: 'No data found for the given candidate id.',
  badStatus: 'The request is invalid. Only active, inactive, or all can be passed as values.',
  // (ours)
  noActiveEligibility: 'No active eligibility found for the given candidate id and test code.',
  alreadyActive: 'An active eligibility already exists for the given candidate id and test code. Update it, or cancel it and create a new one.',
  testNotPublished: 'The test is not published; eligibilities can be created for published tests only.',
  noOnlineBooking:
    'No online booking found for the given eligibility. Launch information is available once the candidate has booked an online (ATLAS_REMOTE_PROCTORED) appointment.',
} as const;

/** A v1 answer: 400 in PSI's model with exactly this description. */
export function psiError(description: string): AppError {
  return new AppError(EligibilityErrors.ELIGIBILITY_PSI_REQUEST_INVALID, description, {
    psi: { error: 'invalid_request', error_description: description },
  });
}

/** The "unknown account" answer of each endpoint (the gateway throws it for any account code not the caller's). */
export const unknownAccount = {
  E1: () => psiError(PSI_TEXT.account), // (ours)
  E2: () => psiError(PSI_TEXT.accountAndTest),
  E3: () => psiError(PSI_TEXT.accountAndTestDoubled),
  E4: () => psiError(PSI_TEXT.account),
  E5: () => psiError(PSI_TEXT.accountAndTestDoubled),
  E6: () => psiError(PSI_TEXT.account),
  E8: () => psiError(PSI_TEXT.account), // (ours)
};

const SPECIFIC: Record<string, string> = {
  [EligibilityErrors.ELIGIBILITY_TEST_NOT_FOUND]: PSI_TEXT.testMapping,
  [EligibilityErrors.ELIGIBILITY_TEST_NOT_PUBLISHED]: PSI_TEXT.testNotPublished,
  [EligibilityErrors.ELIGIBILITY_ALREADY_ACTIVE]: PSI_TEXT.alreadyActive,
  [EligibilityErrors.ELIGIBILITY_NOT_ACTIVE]: PSI_TEXT.noActiveEligibility,
  [EligibilityErrors.ELIGIBILITY_NO_ONLINE_BOOKING]: PSI_TEXT.noOnlineBooking,
};

/**
 * PSI documents 400 for every refused request: domain and voucher errors (4xx) become 400s in the PSI model, with
 * the published text where there is one and our detail (naming the field or voucher code) otherwise.
 */
export async function asPsi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500 && !error.options.psi && /^(ELIGIBILITY|VOUCHER)_/.test(error.code)) {
      throw psiError(SPECIFIC[error.code] ?? error.detail ?? error.message);
    }
    throw error;
  }
}

async function requireTest(ctx: ServiceContext, scope: EligibilityScope, testCode: string) {
  const test = await findTest(ctx.db, scope, testCode);
  if (!test) throw psiError(PSI_TEXT.testMapping);
  return test;
}

async function requireCandidate(ctx: ServiceContext, scope: EligibilityScope, candidateId: string, text: string) {
  const candidate = await findCandidate(ctx.db, scope, candidateId);
  if (!candidate) throw psiError(text);
  return candidate;
}

/** The active eligibility addressed by (candidate_id, test_code), checking test then candidate as PSI does. */
async function requireActive(ctx: ServiceContext, scope: EligibilityScope, candidateId: string, testCode: string, candidateText: string) {
  await requireTest(ctx, scope, testCode);
  const candidate = await requireCandidate(ctx, scope, candidateId, candidateText);
  const active = await findActiveEligibility(ctx.db, scope, candidate.id, testCode);
  if (!active) throw psiError(PSI_TEXT.noActiveEligibility);
  return active;
}

const today = (ctx: ServiceContext) => ctx.clock.now().toISOString().slice(0, 10);

/** E1: creates the candidate (if new) and the eligibility; 201 + read model (ours). */
export async function psiCreate(ctx: ServiceContext, scope: EligibilityActorScope, body: EligibilityWriteBody) {
  return asPsi(async () => {
    const created = await ctx.db.transaction().execute((trx) => createEligibility(trx, ctx, scope, body));
    return psiReadModel(created.record, created.today);
  });
}

/** E2: cancels the candidate's active eligibility for the test. */
export async function psiCancel(ctx: ServiceContext, scope: EligibilityActorScope, candidateId: string, testCode: string): Promise<void> {
  await asPsi(async () => {
    const active = await requireActive(ctx, scope, candidateId, testCode, PSI_TEXT.candidateDetails);
    await cancelEligibility(ctx, scope, active.code, 'cancelled_by_partner');
  });
}

/** E3: the candidate's eligibilities by status (required: active | inactive | all). */
export async function psiListByStatus(ctx: ServiceContext, scope: EligibilityScope, candidateId: string, status: string | undefined) {
  const states = statesForStatusFilter(status);
  if (!states) throw psiError(PSI_TEXT.badStatus);
  await requireCandidate(ctx, scope, candidateId, PSI_TEXT.candidateNoData);
  const { records } = await listEligibilityRecords(ctx, scope, { candidateId, states });
  return records.map((r) => psiReadModel(r, today(ctx)));
}

/** E4: the candidate's eligibilities for one test (every state). */
export async function psiListForTest(ctx: ServiceContext, scope: EligibilityScope, candidateId: string, testCode: string) {
  await requireTest(ctx, scope, testCode);
  await requireCandidate(ctx, scope, candidateId, PSI_TEXT.candidateNoData);
  const { records } = await listEligibilityRecords(ctx, scope, { candidateId, testCode });
  return records.map((r) => psiReadModel(r, today(ctx)));
}

/** E5: every eligibility of the candidate. */
export async function psiListAll(ctx: ServiceContext, scope: EligibilityScope, candidateId: string) {
  await requireCandidate(ctx, scope, candidateId, PSI_TEXT.candidateNoData);
  const { records } = await listEligibilityRecords(ctx, scope, { candidateId });
  return records.map((r) => psiReadModel(r, today(ctx)));
}

/** E6: replaces the vouchers linked to the active eligibility; [] clears. */
export async function psiReplaceVouchers(ctx: ServiceContext, scope: EligibilityActorScope, candidateId: string, testCode: string, codes: string[]) {
  await asPsi(async () => {
    const active = await requireActive(ctx, scope, candidateId, testCode, PSI_TEXT.candidateDetails);
    await replaceVouchers(ctx, scope, active.code, codes);
  });
}

/** E7: launch information; the token decides the account. */
export async function psiLaunchInfo(ctx: ServiceContext, deps: LaunchDeps, scope: EligibilityScope, code: string, origin: string) {
  return asPsi(async () => {
    try {
      const info = await launchInfo(ctx, deps, scope, code, origin);
      return { launch_url: info.launch_url, expires_at: info.expires_at };
    } catch (error) {
      if (error instanceof AppError && error.code === EligibilityErrors.ELIGIBILITY_NOT_FOUND) throw psiError(PSI_TEXT.accountAndTest);
      throw error;
    }
  });
}

/** E8: full Eligibility Model body; demographics and window may change, the rest must match. */
export async function psiUpdate(ctx: ServiceContext, scope: EligibilityActorScope, candidateId: string, testCode: string, body: EligibilityWriteBody) {
  return asPsi(async () => {
    const active = await requireActive(ctx, scope, candidateId, testCode, PSI_TEXT.candidateDetails);
    const updated = await updateEligibility(ctx, scope, active.code, { mode: 'replace', body });
    return psiReadModel(updated.record, updated.today);
  });
}
