/**
 * Internal API of the Eligibility service for booking (issue 4), in the style of vouchers/voucher-links.ts: each
 * function runs inside the CALLER's transaction, moves the eligibility by a guarded UPDATE, bumps its version and
 * writes its transition row, so the eligibility follows the booking atomically.
 */
import type { Executor } from '../../db/executor.ts';
import type { EligibilityState } from '../../db/tables/eligibility.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { todayUtc } from './eligibility.policy.ts';
import {
  type EligibilityRecord,
  findEligibilityByCode,
  findEligibilityById,
  insertTransition,
  transitionEligibility,
  transitionWithAttempt,
} from './eligibility.repository.ts';
import { schedulingOf } from './eligibility.views.ts';

export type EligibilityLinkScope = Pick<PartnerScope, 'accountId' | 'environment' | 'actor'>;

/** The eligibility a booking is for, and whether its candidate may schedule today (with the reason when not). */
export async function eligibilityForBooking(
  db: Executor,
  ctx: ServiceContext,
  scope: Pick<PartnerScope, 'accountId' | 'environment'>,
  code: string,
): Promise<{ record: EligibilityRecord; eligible: boolean; message: string } | undefined> {
  const record = await findEligibilityByCode(db, scope, code);
  if (!record) return undefined;
  return { record, ...schedulingOf(record, todayUtc(ctx.clock.now())) };
}

async function move(
  trx: Executor,
  scope: EligibilityLinkScope,
  id: string,
  moved: { version: number; previous_state: EligibilityState | null } | undefined,
  to: EligibilityState,
  reason: string,
  at: string,
): Promise<boolean> {
  if (!moved) return false;
  await insertTransition(trx, { eligibility_id: id, version: moved.version, previous_state: moved.previous_state, state: to, reason, actor: scope.actor, at });
  return true;
}

/** open → scheduled when a booking is confirmed; false when the eligibility was not open (the caller refuses). */
export async function markEligibilityScheduled(
  trx: Executor,
  ctx: ServiceContext,
  scope: EligibilityLinkScope,
  id: string,
  bookingCode: string,
): Promise<boolean> {
  const at = ctx.clock.now().toISOString();
  const reason = `booking ${bookingCode} confirmed`;
  return move(trx, scope, id, await transitionEligibility(trx, { id, from: ['open'], to: 'scheduled', reason, now: at }), 'scheduled', reason, at);
}

/** scheduled → open when its booking is cancelled (attempts were not consumed, so they remain). */
export async function reopenEligibility(trx: Executor, ctx: ServiceContext, scope: EligibilityLinkScope, id: string, reason: string): Promise<boolean> {
  const at = ctx.clock.now().toISOString();
  return move(trx, scope, id, await transitionEligibility(trx, { id, from: ['scheduled'], to: 'open', reason, now: at }), 'open', reason, at);
}

/**
 * The booking consumed an attempt: completed → `completed`; absent → `open` again while attempts remain (the retake
 * waiting period counts from `attemptOn`), else `exhausted`.
 */
export async function consumeEligibilityAttempt(
  trx: Executor,
  ctx: ServiceContext,
  scope: EligibilityLinkScope,
  id: string,
  outcome: 'completed' | 'absent',
  reason: string,
): Promise<boolean> {
  const record = await findEligibilityById(trx, scope, id);
  if (!record) return false;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const attemptsLeft = Number(record.attempts_allowed) - Number(record.attempts_used) - 1;
  const to: EligibilityState = outcome === 'completed' ? 'completed' : attemptsLeft > 0 ? 'open' : 'exhausted';
  const moved = await transitionWithAttempt(trx, { id: record.id, from: ['scheduled'], to, reason, now: at, delta: 1, attemptOn: todayUtc(now) });
  return move(trx, scope, record.id, moved, to, reason, at);
}

/** An excused absence gives the attempt back (the eligibility stays where the absence left it, if still active). */
export async function restoreEligibilityAttempt(trx: Executor, ctx: ServiceContext, scope: EligibilityLinkScope, id: string, reason: string): Promise<boolean> {
  const at = ctx.clock.now().toISOString();
  const moved = await transitionWithAttempt(trx, { id, from: ['open'], to: 'open', reason, now: at, delta: -1, attemptOn: null });
  return move(trx, scope, id, moved, 'open', reason, at);
}
