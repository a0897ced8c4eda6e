/** Reads of sessions (with lazy creation for online bookings), signed launch URLs, and the candidate's launch. */
import type { Executor } from '../../db/executor.ts';
import type { ProctoringState } from '../../db/tables/proctoring.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import type { LaunchUrlSigner } from '../eligibility/online-booking-lookup.ts';
import { ProctoringErrors } from './proctoring.errors.ts';
import {
  findBookingByCode,
  findOnlineBookingsWithoutSession,
  findSessionByBookingCode,
  findSessionParties,
  listEvents,
  listSessions,
  type ProctoringScope,
} from './proctoring.repository.ts';
import { eventView, sessionView } from './proctoring.views.ts';
import { createSessionForBooking } from './proctoring-links.ts';
import { applyEvent, requireSession } from './session-events.service.ts';

/** Bookings that can still be sat: a launch link for a cancelled or absent booking makes no sense. */
const LAUNCHABLE = ['confirmed', 'checked_in', 'in_progress'];

async function viewOf(db: Executor, session: Awaited<ReturnType<typeof requireSession>>) {
  return sessionView(session, await findSessionParties(db, session));
}

export async function getSession(ctx: ServiceContext, scope: ProctoringScope, sessionId: string) {
  return viewOf(ctx.db, await requireSession(ctx.db, scope, sessionId));
}

/** The session of an online booking, created on first read if the booking's confirmation did not create it. */
async function sessionOfBooking(trx: Executor, ctx: ServiceContext, scope: PartnerScope, bookingCode: string) {
  const existing = await findSessionByBookingCode(trx, scope, bookingCode);
  if (existing) return existing;
  const booking = await findBookingByCode(trx, scope, bookingCode);
  if (!booking) throw new AppError(ProctoringErrors.PROCTORING_SESSION_NOT_FOUND, `no booking ${bookingCode}`);
  if (booking.delivery_mode !== 'ATLAS_REMOTE_PROCTORED') {
    throw new AppError(ProctoringErrors.PROCTORING_NOT_ONLINE, `booking ${bookingCode} is delivered at a test centre, without remote proctoring`);
  }
  const created = await createSessionForBooking(trx, ctx, scope, booking);
  if (!created) throw new AppError(ProctoringErrors.PROCTORING_SESSION_NOT_FOUND, `no booking ${bookingCode}`);
  return created;
}

export async function getSessionForBooking(ctx: ServiceContext, scope: PartnerScope, bookingCode: string) {
  return ctx.db.transaction().execute(async (trx) => viewOf(trx, await sessionOfBooking(trx, ctx, scope, bookingCode)));
}

/** Creates the missing sessions of the scope's online bookings (a bounded batch), so lists show every one. */
async function backfillSessions(ctx: ServiceContext, scope: PartnerScope): Promise<void> {
  const missing = await findOnlineBookingsWithoutSession(ctx.db, scope, 500);
  if (missing.length === 0) return;
  await ctx.db.transaction().execute(async (trx) => {
    for (const booking of missing) await createSessionForBooking(trx, ctx, scope, booking);
  });
}

export async function listSessionsPage(
  ctx: ServiceContext,
  scope: PartnerScope,
  query: { page_size?: number; cursor?: string; state?: ProctoringState; booking_code?: string },
) {
  await backfillSessions(ctx, scope);
  const pageSize = query.page_size ?? 50;
  const [before] = (decodeCursor(query.cursor, 1) ?? []) as string[];
  const rows = await listSessions(ctx.db, scope, { before, state: query.state, bookingCode: query.booking_code, limit: pageSize + 1 });
  const page = pageOf(
    rows,
    pageSize,
    (r) => [r.id],
    (r) => r,
  );
  const data = [];
  for (const row of page.data) data.push(await viewOf(ctx.db, row));
  return { data, next_cursor: page.next_cursor };
}

export async function listSessionEvents(ctx: ServiceContext, scope: ProctoringScope, sessionId: string) {
  const session = await requireSession(ctx.db, scope, sessionId);
  return { data: (await listEvents(ctx.db, session.id)).map(eventView) };
}

/** A signed, short-lived launch URL for the candidate (the same signer and link as v1 testLaunchInfo). */
export async function launchUrlFor(ctx: ServiceContext, signer: LaunchUrlSigner, scope: PartnerScope, sessionId: string, origin: string) {
  const session = await requireSession(ctx.db, scope, sessionId);
  const booking = await findBookingByCode(ctx.db, scope, session.booking_code);
  if (!booking || !LAUNCHABLE.includes(booking.state)) {
    throw new AppError(ProctoringErrors.PROCTORING_BOOKING_NOT_ACTIVE, `booking ${session.booking_code} is ${booking?.state ?? 'gone'}`);
  }
  const parties = await findSessionParties(ctx.db, session);
  const signed = signer.sign({ origin, bookingCode: session.booking_code, eligibilityCode: parties.eligibility_code, now: ctx.clock.now() });
  return { session_id: session.id, booking_code: session.booking_code, ...signed };
}

/**
 * The candidate opens the link: the signature (not a token) is the credential. A valid link moves a scheduled
 * session to `launched`; opening it again changes nothing. An invalid or expired link answers 403.
 */
export async function launchFromLink(ctx: ServiceContext, signer: LaunchUrlSigner, url: string, bookingCode: string, eligibilityCode: string | undefined) {
  if (!signer.verify(url, ctx.clock.now())) throw new AppError(ProctoringErrors.PROCTORING_LAUNCH_INVALID, 'the launch link is invalid or expired');
  return ctx.db.transaction().execute(async (trx) => {
    const booking = await trx.selectFrom('booking').selectAll().where('booking_code', '=', bookingCode).executeTakeFirst();
    if (!booking || !LAUNCHABLE.includes(booking.state)) {
      throw new AppError(ProctoringErrors.PROCTORING_LAUNCH_INVALID, 'the booking of this link cannot be sat any more');
    }
    const scope: PartnerScope = { accountId: booking.account_id, environment: booking.environment, actor: 'candidate' };
    let session = await sessionOfBooking(trx, ctx, scope, bookingCode);
    const parties = await findSessionParties(trx, session);
    if (eligibilityCode !== parties.eligibility_code) throw new AppError(ProctoringErrors.PROCTORING_LAUNCH_INVALID, 'the launch link is invalid or expired');
    if (session.state === 'scheduled') session = await applyEvent(trx, ctx, scope, session, { type: 'LAUNCHED' });
    return { session_id: session.id, booking_code: session.booking_code, state: session.state, scheduled_start: session.scheduled_start };
  });
}
