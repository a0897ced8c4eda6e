import type { Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { ResultRevisionTable, ResultState, ResultTable, ResultTransitionTable } from '../../db/tables/results.ts';

export interface ResultScope {
  accountId: string;
  environment: Environment;
}

/** Booking states in which a result may be recorded. */
export const SAT_STATES = ['confirmed', 'checked_in', 'in_progress', 'completed'] as const;

export async function insertResult(db: Executor, row: ResultTable): Promise<void> {
  await db.insertInto('result').values(row).execute();
}

function scoped(db: Executor, scope: ResultScope) {
  return db
    .selectFrom('result as r')
    .innerJoin('eligibility as e', 'e.id', 'r.eligibility_id')
    .innerJoin('candidate as c', 'c.id', 'r.candidate_ref')
    .selectAll('r')
    .select(['e.code as eligibility_code', 'e.client_eligibility_id', 'c.candidate_id'])
    .where('r.account_id', '=', scope.accountId)
    .where('r.environment', '=', scope.environment);
}

export type ResultRecord = NonNullable<Awaited<ReturnType<typeof findResult>>>;

/** A result of the caller's account and environment; another account's answers undefined, like an unknown id. */
export async function findResult(db: Executor, scope: ResultScope, resultId: string) {
  return scoped(db, scope).where('r.id', '=', resultId).executeTakeFirst();
}

export async function findLiveResultOfBooking(db: Executor, scope: ResultScope, bookingId: string) {
  return scoped(db, scope).where('r.booking_id', '=', bookingId).where('r.state', '<>', 'invalidated').executeTakeFirst();
}

export interface ResultFilter {
  bookingCode?: string;
  candidateId?: string;
  eligibilityCode?: string;
  state?: ResultState;
  before?: string;
  limit: number;
}

/** Newest first (ids sort by creation). */
export async function listResults(db: Executor, scope: ResultScope, filter: ResultFilter) {
  let query = scoped(db, scope).orderBy('r.id', 'desc').limit(filter.limit);
  if (filter.bookingCode !== undefined) query = query.where('r.booking_code', '=', filter.bookingCode);
  if (filter.candidateId !== undefined) query = query.where('c.candidate_id', '=', filter.candidateId);
  if (filter.eligibilityCode !== undefined) query = query.where('e.code', '=', filter.eligibilityCode);
  if (filter.state !== undefined) query = query.where('r.state', '=', filter.state);
  if (filter.before !== undefined) query = query.where('r.id', '<', filter.before);
  return query.execute();
}

/** Live results of a booking held for the proctoring review (the review decision releases the hold). */
export async function findReviewHeldResults(db: Executor, bookingId: string) {
  return db
    .selectFrom('result')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .where('state', '=', 'held')
    .where('hold_reason', '=', 'proctoring_review')
    .execute();
}

/** The guarded change: only at the version the caller read. Undefined when another change won. */
export async function updateResult(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: Omit<Updateable<ResultTable>, 'id' | 'version'>,
): Promise<ResultTable | undefined> {
  return db
    .updateTable('result')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function insertRevision(db: Executor, row: ResultRevisionTable): Promise<void> {
  await db.insertInto('result_revision').values(row).execute();
}

export async function listRevisions(db: Executor, resultId: string) {
  return db.selectFrom('result_revision').selectAll().where('result_id', '=', resultId).orderBy('revision').execute();
}

export async function insertResultTransition(db: Executor, row: ResultTransitionTable): Promise<void> {
  await db.insertInto('result_transition').values(row).execute();
}

export async function listResultTransitions(db: Executor, resultId: string) {
  return db.selectFrom('result_transition').selectAll().where('result_id', '=', resultId).orderBy('version').execute();
}

// ------------------------------------------------------------------ bookings a result may belong to (read only)

function bookings(db: Executor, scope: ResultScope) {
  return db.selectFrom('booking as b').selectAll('b').where('b.account_id', '=', scope.accountId).where('b.environment', '=', scope.environment);
}

export type ResultBooking = NonNullable<Awaited<ReturnType<typeof findBookingByCode>>>;

export async function findBookingByCode(db: Executor, scope: ResultScope, bookingCode: string) {
  return bookings(db, scope).where('b.booking_code', '=', bookingCode).executeTakeFirst();
}

/** The eligibility's latest booking that was (or is being) sat; R2 addresses it by the partner's client eligibility id. */
export async function findLatestBookingOfClientEligibility(db: Executor, scope: ResultScope, clientEligibilityId: string) {
  return bookings(db, scope)
    .innerJoin('eligibility as e', 'e.id', 'b.eligibility_id')
    .where('e.client_eligibility_id', '=', clientEligibilityId)
    .where('b.state', 'in', [...SAT_STATES])
    .orderBy('b.starts_at', 'desc')
    .executeTakeFirst();
}

export async function clientEligibilityExists(db: Executor, scope: ResultScope, clientEligibilityId: string): Promise<boolean> {
  const row = await db
    .selectFrom('eligibility')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('client_eligibility_id', '=', clientEligibilityId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * R3's "candidate exam": the booking a result with this test-driver id already belongs to; else the candidate's
 * latest sat booking without a live result; else their latest sat booking (a resubmission).
 */
export async function findCandidateExam(db: Executor, scope: ResultScope, candidateId: string, externalResultId: string | undefined) {
  const ofCandidate = () =>
    bookings(db, scope)
      .innerJoin('candidate as c', 'c.id', 'b.candidate_ref')
      .where('c.candidate_id', '=', candidateId)
      .where('b.state', 'in', [...SAT_STATES])
      .orderBy('b.starts_at', 'desc');
  if (externalResultId !== undefined) {
    const known = await ofCandidate()
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('result as r')
            .select('r.id')
            .whereRef('r.booking_id', '=', 'b.id')
            .where('r.external_result_id', '=', externalResultId)
            .where('r.state', '<>', 'invalidated'),
        ),
      )
      .executeTakeFirst();
    if (known) return known;
  }
  const open = await ofCandidate()
    .where((eb) => eb.not(eb.exists(eb.selectFrom('result as r').select('r.id').whereRef('r.booking_id', '=', 'b.id').where('r.state', '<>', 'invalidated'))))
    .executeTakeFirst();
  return open ?? ofCandidate().executeTakeFirst();
}

/** Which attempt this booking was: completed bookings of the eligibility up to and including it. */
export async function attemptNumber(db: Executor, booking: { id: string; eligibility_id: string; starts_at: string }): Promise<number> {
  const row = await db
    .selectFrom('booking')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('eligibility_id', '=', booking.eligibility_id)
    .where('state', '=', 'completed')
    .where('starts_at', '<=', booking.starts_at)
    .where('id', '<>', booking.id)
    .executeTakeFirstOrThrow();
  return Number(row.count) + 1;
}
