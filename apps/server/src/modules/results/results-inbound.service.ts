/**
 * Results from test drivers (psi-compat.md R1–R3). Test drivers retry on 500, so receiving is idempotent: the same
 * result for the same booking (same body) is answered with the stored one and changes nothing — concurrent
 * duplicates too, through the one-live-result-per-booking index. A different body for a booking that has a result
 * is a resubmission: a new revision (an amendment, with its outbound events, when the result was released).
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.ts';
import { isUniqueViolation } from '../../db/executor.ts';
import type { ResultSource } from '../../db/tables/results.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { advanceBooking } from '../proctoring/booking-progress.ts';
import { reviewStatusForBooking } from '../proctoring/proctoring-links.ts';
import { changeResult } from './result-changes.ts';
import { ResultErrors } from './results.errors.ts';
import { initialState, missingScore, type ScoreReport } from './results.policy.ts';
import {
  attemptNumber,
  findLiveResultOfBooking,
  insertResult,
  insertResultTransition,
  insertRevision,
  type ResultBooking,
  SAT_STATES,
} from './results.repository.ts';

export interface InboundResult {
  source: ResultSource;
  report: ScoreReport;
  externalResultId?: string;
  /** Finds the booking the result is for, in the transaction; throws (the route's own refusal) when none matches. */
  findBooking(trx: Executor): Promise<ResultBooking>;
}

function bodyHashOf(input: InboundResult): string {
  return createHash('sha256')
    .update(JSON.stringify({ report: input.report, external_result_id: input.externalResultId ?? null }))
    .digest('hex');
}

async function receiveOnce(ctx: ServiceContext, scope: PartnerScope, input: InboundResult, bodyHash: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const booking = await input.findBooking(trx);
    if (!(SAT_STATES as readonly string[]).includes(booking.state)) {
      throw new AppError(ResultErrors.RESULT_BOOKING_NOT_SAT, `booking ${booking.booking_code} is ${booking.state}: it was not sat`);
    }
    const existing = await findLiveResultOfBooking(trx, scope, booking.id);
    if (existing?.body_hash === bodyHash) return { result_id: existing.id, stored: false };
    const review = await reviewStatusForBooking(trx, booking.id);
    if (existing) {
      const { eligibility_code, client_eligibility_id, candidate_id, ...row } = existing;
      const keep = row.state === 'released' || (row.state === 'held' && row.hold_reason === 'coordinator');
      const next = keep ? { state: row.state, hold_reason: row.hold_reason } : initialState(review);
      await changeResult(
        trx,
        ctx,
        scope,
        row,
        { eligibility_code, client_eligibility_id, candidate_id },
        {
          action: 'resubmit',
          to: next.state,
          holdReason: next.hold_reason,
          reason: 'resubmitted by the test driver',
          report: input.report,
          bodyHash,
        },
      );
      return { result_id: row.id, stored: true };
    }
    await advanceBooking(trx, ctx, scope, booking.id, 'completed');
    const now = ctx.clock.now().toISOString();
    const state = initialState(review);
    const id = ctx.ids.id('result');
    await insertResult(trx, {
      id,
      account_id: scope.accountId,
      environment: scope.environment,
      booking_id: booking.id,
      booking_code: booking.booking_code,
      eligibility_id: booking.eligibility_id,
      candidate_ref: booking.candidate_ref,
      test_code: booking.test_code,
      test_version: booking.test_version,
      source: input.source,
      external_result_id: input.externalResultId ?? null,
      state: state.state,
      previous_state: null,
      state_reason: state.hold_reason ? 'waits for the proctoring review' : 'received',
      hold_reason: state.hold_reason,
      report: JSON.stringify(input.report),
      body_hash: bodyHash,
      revision: 1,
      attempt: await attemptNumber(trx, booking),
      released_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await insertRevision(trx, {
      result_id: id,
      revision: 1,
      report: JSON.stringify(input.report),
      reason: 'received',
      diff: '[]',
      actor: scope.actor,
      created_at: now,
    });
    await insertResultTransition(trx, {
      result_id: id,
      version: 1,
      previous_state: null,
      state: state.state,
      action: 'receive',
      reason: state.hold_reason ? 'waits for the proctoring review' : null,
      actor: scope.actor,
      at: now,
    });
    return { result_id: id, stored: true };
  });
}

/** Stores the result (or recognises it as already stored); answers its id. */
export async function receiveResult(ctx: ServiceContext, scope: PartnerScope, input: InboundResult): Promise<{ result_id: string; stored: boolean }> {
  if (missingScore(input.report)) throw new AppError(ResultErrors.RESULT_SCORE_REQUIRED, 'result NA must come with a score');
  const bodyHash = bodyHashOf(input);
  try {
    return await receiveOnce(ctx, scope, input, bodyHash);
  } catch (error) {
    // A concurrent delivery of the same result inserted first: this one now finds it (and compares bodies).
    if (isUniqueViolation(error)) return receiveOnce(ctx, scope, input, bodyHash);
    throw error;
  }
}
