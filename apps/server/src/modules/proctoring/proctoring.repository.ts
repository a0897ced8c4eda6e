import type { Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { ProctoringEventTable, ProctoringSessionTable, ProctoringState } from '../../db/tables/proctoring.ts';

export interface ProctoringScope {
  accountId: string;
  environment: Environment;
}

/** Inserts the session unless the booking has one already (concurrent first reads race here harmlessly). */
export async function insertSessionIfAbsent(db: Executor, row: ProctoringSessionTable): Promise<void> {
  await db
    .insertInto('proctoring_session')
    .values(row)
    .onConflict((oc) => oc.column('booking_id').doNothing())
    .execute();
}

function scoped(db: Executor, scope: ProctoringScope) {
  return db.selectFrom('proctoring_session').selectAll().where('account_id', '=', scope.accountId).where('environment', '=', scope.environment);
}

/** A session of the caller's account and environment; another account's answers undefined, like an unknown id. */
export async function findSession(db: Executor, scope: ProctoringScope, sessionId: string) {
  return scoped(db, scope).where('id', '=', sessionId).executeTakeFirst();
}

export async function findSessionByBookingCode(db: Executor, scope: ProctoringScope, bookingCode: string) {
  return scoped(db, scope).where('booking_code', '=', bookingCode).executeTakeFirst();
}

export async function findSessionByBookingId(db: Executor, bookingId: string) {
  return db.selectFrom('proctoring_session').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
}

/** Newest first (ids sort by creation); `before` is the last id of the previous page. */
export async function listSessions(
  db: Executor,
  scope: ProctoringScope,
  filter: { before?: string; state?: ProctoringState; bookingCode?: string; limit: number },
) {
  let query = scoped(db, scope).orderBy('id', 'desc').limit(filter.limit);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  if (filter.bookingCode !== undefined) query = query.where('booking_code', '=', filter.bookingCode);
  return query.execute();
}

/**
 * The guarded change: applies only if the session is still at the version the caller read, so two concurrent events
 * cannot both move it. Undefined when someone else moved it first.
 */
export async function updateSession(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: Omit<Updateable<ProctoringSessionTable>, 'id' | 'version'>,
): Promise<ProctoringSessionTable | undefined> {
  return db
    .updateTable('proctoring_session')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function insertEvent(db: Executor, row: ProctoringEventTable): Promise<void> {
  await db.insertInto('proctoring_event').values(row).execute();
}

export async function listEvents(db: Executor, sessionId: string) {
  return db.selectFrom('proctoring_event').selectAll().where('session_id', '=', sessionId).orderBy('sequence').execute();
}

/** Online bookings of the scope without a session yet (sessions are also created lazily, see proctoring-links.ts). */
export async function findOnlineBookingsWithoutSession(db: Executor, scope: ProctoringScope, limit: number) {
  return db
    .selectFrom('booking as b')
    .selectAll('b')
    .where('b.account_id', '=', scope.accountId)
    .where('b.environment', '=', scope.environment)
    .where('b.delivery_mode', '=', 'ATLAS_REMOTE_PROCTORED')
    .where('b.state', 'in', ['confirmed', 'checked_in', 'in_progress', 'completed'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('proctoring_session as s').select('s.id').whereRef('s.booking_id', '=', 'b.id'))))
    .orderBy('b.id')
    .limit(limit)
    .execute();
}

export async function findBookingByCode(db: Executor, scope: ProctoringScope, bookingCode: string) {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('booking_code', '=', bookingCode)
    .executeTakeFirst();
}

/** The public codes a session's views name: the eligibility code and the partner's candidate id. */
export async function findSessionParties(db: Executor, session: Pick<ProctoringSessionTable, 'eligibility_id' | 'candidate_ref'>) {
  return db
    .selectFrom('eligibility as e')
    .innerJoin('candidate as c', 'c.id', 'e.candidate_ref')
    .select(['e.code as eligibility_code', 'e.client_eligibility_id', 'c.candidate_id'])
    .where('e.id', '=', session.eligibility_id)
    .where('c.id', '=', session.candidate_ref)
    .executeTakeFirstOrThrow();
}

/** Sittings still running whose scheduled end has passed (extra time is checked by the caller): the time-out job's batch. */
export async function findRunningPastEnd(db: Executor, now: string, limit: number) {
  return db
    .selectFrom('proctoring_session')
    .selectAll()
    .where('state', 'in', ['in_progress', 'paused'])
    .where('scheduled_end', '<', now)
    .orderBy('scheduled_end')
    .limit(limit)
    .execute();
}
