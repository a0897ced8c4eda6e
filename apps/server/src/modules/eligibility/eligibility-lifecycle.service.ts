/** Use cases after creation: list, cancel, vouchers, launch info, and the worker's window transitions. */
import type { EligibilityState } from '../../db/tables/eligibility.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../identity/audit.ts';
import { listEligibilityVoucherCodes, releaseEligibilityVouchers, replaceEligibilityVouchers } from '../vouchers/voucher-links.ts';
import { EligibilityErrors } from './eligibility.errors.ts';
import { isActiveState, statesLeadingTo, todayUtc } from './eligibility.policy.ts';
import {
  type EligibilityFilter,
  type EligibilityRecord,
  type EligibilityScope,
  findDueForTransition,
  findEligibilityByCode,
  insertTransition,
  listEligibilities,
  transitionEligibility,
} from './eligibility.repository.ts';
import { type EligibilityActorScope, type EligibilityResult, readEligibility } from './eligibility.service.ts';
import type { LaunchUrlSigner, OnlineBookingLookup } from './online-booking-lookup.ts';

export async function listEligibilityRecords(ctx: ServiceContext, scope: EligibilityScope, filter: EligibilityFilter) {
  return { records: await listEligibilities(ctx.db, scope, filter), today: todayUtc(ctx.clock.now()) };
}

/** A v2 page: `pageSize + 1` rows (the extra one says whether there is more) with each row's voucher codes. */
export async function listEligibilityPage(ctx: ServiceContext, scope: EligibilityScope, filter: EligibilityFilter, pageSize: number) {
  const { records, today } = await listEligibilityRecords(ctx, scope, { ...filter, limit: pageSize + 1 });
  const vouchers = new Map<string, string[]>();
  for (const record of records.slice(0, pageSize)) vouchers.set(record.code, await listEligibilityVoucherCodes(ctx.db, scope, record.code));
  return { records, vouchers, today };
}

/** Cancels an active eligibility and releases its vouchers (E2, v2 cancel). */
export async function cancelEligibility(ctx: ServiceContext, scope: EligibilityActorScope, code: string, reason: string): Promise<EligibilityResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const record = await findEligibilityByCode(trx, scope, code);
    if (!record) throw new AppError(EligibilityErrors.ELIGIBILITY_NOT_FOUND, `no eligibility has the code "${code}"`);
    const at = ctx.clock.now().toISOString();
    const moved = await transitionEligibility(trx, { id: record.id, from: statesLeadingTo('cancelled'), to: 'cancelled', reason, now: at });
    if (!moved) throw new AppError(EligibilityErrors.ELIGIBILITY_NOT_ACTIVE, `eligibility ${code} is ${record.state} and cannot be cancelled`);
    await insertTransition(trx, {
      eligibility_id: record.id,
      version: moved.version,
      previous_state: moved.previous_state,
      state: 'cancelled',
      reason,
      actor: scope.actor,
      at,
    });
    await releaseEligibilityVouchers(trx, ctx, scope, record.code);
    await recordAudit(trx, ctx, {
      actor: scope.actor,
      accountId: scope.accountId,
      action: 'eligibility.cancelled',
      targetType: 'eligibility',
      targetId: code,
      details: { environment: scope.environment, previous_state: moved.previous_state, reason },
    });
    return readEligibility(trx, ctx, scope, code);
  });
}

/** Replaces the set of vouchers reserved for an active eligibility (E6, v2 PUT vouchers); [] clears it. */
export async function replaceVouchers(ctx: ServiceContext, scope: EligibilityActorScope, code: string, codes: string[]): Promise<EligibilityResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const record = await findEligibilityByCode(trx, scope, code);
    if (!record) throw new AppError(EligibilityErrors.ELIGIBILITY_NOT_FOUND, `no eligibility has the code "${code}"`);
    if (!isActiveState(record.state)) throw new AppError(EligibilityErrors.ELIGIBILITY_NOT_ACTIVE, `eligibility ${code} is ${record.state}`);
    const linked = await replaceEligibilityVouchers(trx, ctx, scope, record.code, record.test_code, [...new Set(codes)]);
    await recordAudit(trx, ctx, {
      actor: scope.actor,
      accountId: scope.accountId,
      action: 'eligibility.vouchers_replaced',
      targetType: 'eligibility',
      targetId: code,
      // The count, not the codes: a voucher code is worth money to whoever reads it.
      details: { environment: scope.environment, vouchers: linked.codes.length },
    });
    return readEligibility(trx, ctx, scope, code);
  });
}

export interface LaunchDeps {
  bookings: OnlineBookingLookup;
  signer: LaunchUrlSigner;
}

/** E7 / v2 launch-info: a signed, short-lived URL for the eligibility's online booking. */
export async function launchInfo(ctx: ServiceContext, deps: LaunchDeps, scope: EligibilityScope, code: string, origin: string) {
  const record: EligibilityRecord | undefined = await findEligibilityByCode(ctx.db, scope, code);
  if (!record) throw new AppError(EligibilityErrors.ELIGIBILITY_NOT_FOUND, `no eligibility has the code "${code}"`);
  const booking = await deps.bookings.findOnlineBooking(ctx.db, scope, record.id);
  if (!booking) {
    throw new AppError(EligibilityErrors.ELIGIBILITY_NO_ONLINE_BOOKING, `eligibility ${code} has no online (ATLAS_REMOTE_PROCTORED) booking yet`);
  }
  const signed = deps.signer.sign({ origin, bookingCode: booking.bookingCode, eligibilityCode: code, now: ctx.clock.now() });
  return { booking_code: booking.bookingCode, ...signed };
}

const BATCH = 200;
export const SYSTEM_ACTOR = 'system:eligibility-worker';

/**
 * Moves every due eligibility: `from` states whose date passed go `to`. Each row moves by a guarded UPDATE (state
 * and version unchanged since it was read), so a concurrent cancel or a second worker never double-moves it.
 */
async function moveDue(
  ctx: ServiceContext,
  due: { from: EligibilityState[]; to: EligibilityState; column: 'eligibility_end_date' | 'schedule_start_date'; op: '<' | '<='; reason: string },
): Promise<number> {
  const today = todayUtc(ctx.clock.now());
  let moved = 0;
  for (;;) {
    const rows = await findDueForTransition(ctx.db, { ...due, today, limit: BATCH });
    let movedInBatch = 0;
    for (const row of rows) {
      const done = await ctx.db.transaction().execute(async (trx) => {
        const at = ctx.clock.now().toISOString();
        const result = await transitionEligibility(trx, {
          id: row.id,
          from: [row.state],
          to: due.to,
          reason: due.reason,
          now: at,
          expectedVersion: row.version,
        });
        if (!result) return false;
        await insertTransition(trx, {
          eligibility_id: row.id,
          version: result.version,
          previous_state: row.state,
          state: due.to,
          reason: due.reason,
          actor: SYSTEM_ACTOR,
          at,
        });
        const scope = { accountId: row.account_id, environment: row.environment, actor: SYSTEM_ACTOR };
        if (due.to === 'expired') await releaseEligibilityVouchers(trx, ctx, scope, row.code);
        await recordAudit(trx, ctx, {
          actor: SYSTEM_ACTOR,
          accountId: row.account_id,
          action: `eligibility.${due.to === 'expired' ? 'expired' : 'opened'}`,
          targetType: 'eligibility',
          targetId: row.code,
          details: { environment: row.environment, previous_state: row.state, reason: due.reason },
        });
        return true;
      });
      if (done) movedInBatch += 1;
    }
    moved += movedInBatch;
    // A short batch is the last one; a batch where nothing moved (all raced) would otherwise loop forever.
    if (rows.length < BATCH || movedInBatch === 0) return moved;
  }
}

/** A window that ended without a booking expires the eligibility (domain.md). */
export function expireEndedEligibilities(ctx: ServiceContext): Promise<number> {
  return moveDue(ctx, { from: ['pending', 'open'], to: 'expired', column: 'eligibility_end_date', op: '<', reason: 'window_ended' });
}

/** A pending eligibility opens on the first day of its window. */
export function openStartedEligibilities(ctx: ServiceContext): Promise<number> {
  return moveDue(ctx, { from: ['pending'], to: 'open', column: 'schedule_start_date', op: '<=', reason: 'window_opened' });
}
