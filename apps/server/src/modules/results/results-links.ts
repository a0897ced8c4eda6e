/** Internal API of the Results service for the proctoring module. */
import type { Executor } from '../../db/executor.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { changeResult } from './result-changes.ts';
import { findLiveResultOfBooking, findReviewHeldResults } from './results.repository.ts';

/**
 * In the CALLER's transaction (the review decision's): results of the booking that waited for the proctoring review
 * become releasable (`scored`) when the session is verified; on rejection they stay held (a coordinator invalidates
 * them, or the decision is revised).
 */
export async function releaseReviewHolds(trx: Executor, ctx: ServiceContext, scope: PartnerScope, bookingId: string, decision: 'verified' | 'rejected') {
  if (decision !== 'verified') return;
  for (const held of await findReviewHeldResults(trx, bookingId)) {
    const record = await findLiveResultOfBooking(trx, { accountId: held.account_id, environment: held.environment }, bookingId);
    if (!record) continue;
    const { eligibility_code, client_eligibility_id, candidate_id, ...row } = record;
    await changeResult(
      trx,
      ctx,
      scope,
      row,
      { eligibility_code, client_eligibility_id, candidate_id },
      {
        action: 'review_cleared',
        to: 'scored',
        reason: 'proctoring review verified the session',
      },
    );
  }
}
