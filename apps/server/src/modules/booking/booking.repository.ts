/** Holds, bookings and their history: Kysely only, each function takes an executor (db or transaction). */
import type { Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { BookingState, BookingTable, BookingTransitionTable, HoldTable } from '../../db/tables/booking.ts';

export interface BookingScope {
  accountId: string;
  environment: Environment;
}

export type HoldRow = Selectable<HoldTable>;
export type BookingRow = Selectable<BookingTable>;

export async function insertHold(db: Executor, row: HoldTable): Promise<void> {
  await db.insertInto('hold').values(row).execute();
}

export async function findHold(db: Executor, scope: BookingScope, holdId: string): Promise<HoldRow | undefined> {
  return db
    .selectFrom('hold')
    .selectAll()
    .where('id', '=', holdId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

export async function findActiveHoldOfEligibility(db: Executor, eligibilityId: string): Promise<HoldRow | undefined> {
  return db.selectFrom('hold').selectAll().where('eligibility_id', '=', eligibilityId).where('state', '=', 'active').executeTakeFirst();
}

/** Live holds of an account (for the anti-hoarding cap). */
export async function countActiveHolds(db: Executor, scope: BookingScope, now: string): Promise<number> {
  const row = await db
    .selectFrom('hold')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('state', '=', 'active')
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Guarded: moves an active hold to `to`; `unexpiredAt` also requires it not to have expired by then. */
export async function finishHold(db: Executor, holdId: string, to: 'confirmed' | 'expired' | 'released', now: string, unexpiredAt?: string) {
  let query = db.updateTable('hold').set({ state: to, updated_at: now }).where('id', '=', holdId).where('state', '=', 'active');
  if (unexpiredAt !== undefined) query = query.where('expires_at', '>', unexpiredAt);
  return query.returningAll().executeTakeFirst();
}

export async function findExpiredHolds(db: Executor, now: string, limit: number): Promise<HoldRow[]> {
  return db.selectFrom('hold').selectAll().where('state', '=', 'active').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
}

/** Active holds of a pool overlapping [from, to) (a closure or seat cut releases them). */
export async function findActiveHoldsInPool(db: Executor, pool: string, from: string, to: string): Promise<HoldRow[]> {
  return db
    .selectFrom('hold')
    .selectAll()
    .where('pool', '=', pool)
    .where('state', '=', 'active')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
}

export async function insertBooking(db: Executor, row: BookingTable): Promise<void> {
  await db.insertInto('booking').values(row).execute();
}

export async function findBookingByCode(db: Executor, scope: BookingScope, code: string): Promise<BookingRow | undefined> {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('booking_code', '=', code)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

export async function findBookingById(db: Executor, id: string): Promise<BookingRow | undefined> {
  return db.selectFrom('booking').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Guarded change of a booking: only from `from` states and at the version the caller read, so two concurrent
 * changes cannot both win. Bumps the version; returns the new row or undefined when the guard failed.
 */
export async function changeBooking(
  db: Executor,
  id: string,
  guard: { from: readonly BookingState[]; version: number },
  set: Omit<Updateable<BookingTable>, 'version' | 'id'>,
): Promise<BookingRow | undefined> {
  return db
    .updateTable('booking')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', guard.version)
    .where('state', 'in', [...guard.from])
    .returningAll()
    .executeTakeFirst();
}

export async function insertBookingTransition(db: Executor, row: BookingTransitionTable): Promise<void> {
  await db.insertInto('booking_transition').values(row).execute();
}

export async function listBookingTransitions(db: Executor, bookingId: string) {
  return db.selectFrom('booking_transition').selectAll().where('booking_id', '=', bookingId).orderBy('version').execute();
}

export interface BookingListFilter {
  candidateId?: string;
  eligibilityId?: string;
  states?: BookingState[];
  from?: string;
  to?: string;
  after?: readonly [string, string];
  limit: number;
}

/** By start time then booking code (keyset paging; the cursor never carries the internal id). */
export async function listBookings(db: Executor, scope: BookingScope, filter: BookingListFilter): Promise<BookingRow[]> {
  let query = db
    .selectFrom('booking as b')
    .selectAll('b')
    .where('b.account_id', '=', scope.accountId)
    .where('b.environment', '=', scope.environment)
    .orderBy('b.starts_at')
    .orderBy('b.booking_code')
    .limit(filter.limit);
  if (filter.candidateId !== undefined) {
    const candidateId = filter.candidateId;
    query = query.where('b.candidate_ref', 'in', (eb) =>
      eb
        .selectFrom('candidate')
        .select('id')
        .where('candidate_id', '=', candidateId)
        .where('account_id', '=', scope.accountId)
        .where('environment', '=', scope.environment),
    );
  }
  if (filter.eligibilityId !== undefined) query = query.where('b.eligibility_id', '=', filter.eligibilityId);
  if (filter.states && filter.states.length > 0) query = query.where('b.state', 'in', filter.states);
  if (filter.from !== undefined) query = query.where('b.starts_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('b.starts_at', '<', filter.to);
  if (filter.after) {
    const [startsAt, code] = filter.after;
    query = query.where((eb) => eb.or([eb('b.starts_at', '>', startsAt), eb.and([eb('b.starts_at', '=', startsAt), eb('b.booking_code', '>', code)])]));
  }
  return query.execute();
}

/** Live bookings of a pool overlapping [from, to), latest made first (the order a seat cut cancels them in). */
export async function findLiveBookingsInPool(db: Executor, pool: string, from: string, to: string): Promise<BookingRow[]> {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('pool', '=', pool)
    .where('state', '=', 'confirmed')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Confirmed bookings whose start + grace has passed with no check-in (the no-show job). */
export async function findNoShowCandidates(db: Executor, startedBefore: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('state', '=', 'confirmed')
    .where('starts_at', '<', startedBefore)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

/** The eligibility's live online booking (E7 launch info). */
export async function findLiveOnlineBooking(db: Executor, scope: BookingScope, eligibilityId: string) {
  return db
    .selectFrom('booking')
    .select(['booking_code', 'starts_at'])
    .where('eligibility_id', '=', eligibilityId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('delivery_mode', '=', 'ATLAS_REMOTE_PROCTORED')
    .where('state', 'in', ['confirmed', 'checked_in', 'in_progress'])
    .executeTakeFirst();
}

/** Everything a booking's answer and events show: candidate, eligibility, test version, centre, voucher code. */
export async function loadBookingFacts(db: Executor, booking: BookingRow) {
  const [candidate, eligibility, version, center, voucher] = await Promise.all([
    db
      .selectFrom('candidate')
      .select(['candidate_id', 'first_name', 'last_name', 'middle_name'])
      .where('id', '=', booking.candidate_ref)
      .executeTakeFirstOrThrow(),
    db.selectFrom('eligibility').select(['code', 'client_eligibility_id']).where('id', '=', booking.eligibility_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('test_version')
      .select(['title', 'portions', 'duration_minutes'])
      .where('test_id', '=', booking.test_id)
      .where('version', '=', booking.test_version)
      .executeTakeFirstOrThrow(),
    booking.test_center_id ? db.selectFrom('test_center').selectAll().where('id', '=', booking.test_center_id).executeTakeFirst() : Promise.resolve(undefined),
    booking.voucher_id ? db.selectFrom('voucher').select(['code']).where('id', '=', booking.voucher_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  return { candidate, eligibility, version, center, voucherCode: voucher?.code ?? null };
}
export type BookingFacts = Awaited<ReturnType<typeof loadBookingFacts>>;
