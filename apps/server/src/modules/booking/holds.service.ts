/** Holds: a seat kept for a few minutes while the partner confirms; expired by the worker. */
import type { Executor } from '../../db/executor.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { eligibilityForBooking } from '../eligibility/eligibility-links.ts';
import { refundUnattachedHoldPayments } from '../payment/payment-links.ts';
import { BookingErrors } from './booking.errors.ts';
import { countActiveHolds, findActiveHoldOfEligibility, findExpiredHolds, finishHold, type HoldRow, insertHold } from './booking.repository.ts';
import { claimOf, releaseSeat, takeSeat } from './seats.service.ts';
import { resolveSlot } from './slot-resolution.ts';

export interface HoldSettings {
  holdTtlSeconds: number;
  maxActiveHoldsPerAccount: number;
  onlineSeatsPerHalfHour: number;
}

export function holdView(hold: HoldRow) {
  return {
    hold_id: hold.id,
    expires_at: hold.expires_at,
    price: { amount: Number(hold.price_amount), currency: hold.price_currency },
    slot_id: hold.slot_id,
    starts_at: hold.starts_at,
    ends_at: hold.ends_at,
    delivery_mode: hold.delivery_mode,
    test_code: hold.test_code,
    status: hold.state,
  };
}
export type HoldView = ReturnType<typeof holdView>;

export async function createHold(
  ctx: ServiceContext,
  scope: PartnerScope,
  input: { eligibility_code: string; slot_id: string },
  key: string | undefined,
  settings: HoldSettings,
) {
  return runIdempotent(ctx, { ...scope, operation: 'createHold', key, request: input }, async (trx) => {
    const now = ctx.clock.now();
    const found = await eligibilityForBooking(trx, ctx, scope, input.eligibility_code);
    if (!found) throw new AppError(BookingErrors.BOOKING_ELIGIBILITY_NOT_FOUND, `no eligibility has the code "${input.eligibility_code}"`);
    const slot = await resolveSlot({ ...ctx, db: trx }, scope, input.slot_id, settings);
    if (slot.test.id !== found.record.test_id) {
      throw new AppError(
        BookingErrors.BOOKING_TEST_MISMATCH,
        `the slot is for ${slot.test.test_code}; eligibility ${found.record.code} is for ${found.record.test_code}`,
      );
    }
    if (!found.eligible) throw new AppError(BookingErrors.BOOKING_NOT_ELIGIBLE, found.message);
    // A new hold for the same eligibility replaces the previous one (its seat goes back first).
    const previous = await findActiveHoldOfEligibility(trx, found.record.id);
    if (previous) await releaseHold(trx, previous, 'released', now.toISOString());
    if ((await countActiveHolds(trx, scope, now.toISOString())) >= settings.maxActiveHoldsPerAccount) {
      throw new AppError(BookingErrors.BOOKING_HOLD_LIMIT_REACHED, `your account already has ${settings.maxActiveHoldsPerAccount} live holds`);
    }
    const hold: HoldRow = {
      id: ctx.ids.id('hold'),
      account_id: scope.accountId,
      environment: scope.environment,
      eligibility_id: found.record.id,
      test_id: slot.test.id,
      test_code: slot.test.test_code,
      test_version: Number(slot.test.current_version),
      delivery_mode: slot.deliveryMode,
      test_center_id: slot.center?.id ?? null,
      pool: slot.pool,
      slot_id: slot.slotId,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      price_amount: Number(slot.test.price_amount),
      price_currency: slot.test.price_currency,
      expires_at: new Date(now.getTime() + settings.holdTtlSeconds * 1000).toISOString(),
      state: 'active',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await takeSeat(trx, claimOf(hold), slot.capacity);
    await insertHold(trx, hold);
    return { status: 201, body: holdView(hold) };
  });
}

/** Ends an active hold and gives its seat back (guarded: a hold confirmed meanwhile keeps its seat). */
export async function releaseHold(trx: Executor, hold: HoldRow, to: 'expired' | 'released', now: string): Promise<boolean> {
  const ended = await finishHold(trx, hold.id, to, now);
  if (!ended) return false;
  await releaseSeat(trx, claimOf(hold));
  return true;
}

/** Worker job: expires holds past their time, frees their seats, and refunds any payment made for them. */
export async function expireHolds(ctx: ServiceContext, limit = 200): Promise<number> {
  const now = ctx.clock.now().toISOString();
  let expired = 0;
  for (const hold of await findExpiredHolds(ctx.db, now, limit)) {
    const done = await ctx.db.transaction().execute((trx) => releaseHold(trx, hold, 'expired', now));
    if (!done) continue;
    expired += 1;
    // The seat is already free; a refund that fails now is retried by PAYMENT's own refund job, so keep expiring.
    await refundUnattachedHoldPayments(ctx, hold.id).catch(() => 0);
  }
  return expired;
}
