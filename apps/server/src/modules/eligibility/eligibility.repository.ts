import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { CandidateTable, EligibilityState, EligibilityTable, EligibilityTransitionTable } from '../../db/tables/eligibility.ts';

export interface EligibilityScope {
  accountId: string;
  environment: Environment;
}

export type CandidateRow = CandidateTable;
export type Demographics = Omit<CandidateTable, 'id' | 'account_id' | 'environment' | 'candidate_id' | 'created_at' | 'updated_at'>;

const CANDIDATE_COLUMNS = [
  'c.candidate_id',
  'c.first_name',
  'c.last_name',
  'c.middle_name',
  'c.suffix',
  'c.email',
  'c.address1',
  'c.address2',
  'c.city',
  'c.province_state',
  'c.postal_code',
  'c.country',
  'c.home_phone',
  'c.office_phone',
  'c.school_code',
  'c.special_accommodations',
  'c.additional_attributes',
] as const;

/** Creates the candidate, or refreshes the demographics of the one with this partner id (race-free: ON CONFLICT). */
export async function upsertCandidate(db: Executor, row: Insertable<CandidateTable>): Promise<CandidateRow> {
  const { id: _id, account_id: _a, environment: _e, candidate_id: _c, created_at: _created, ...changes } = row;
  return db
    .insertInto('candidate')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'environment', 'candidate_id']).doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCandidate(db: Executor, scope: EligibilityScope, candidateId: string): Promise<CandidateRow | undefined> {
  return db
    .selectFrom('candidate')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
}

export async function updateCandidate(db: Executor, candidateRef: string, changes: Updateable<CandidateTable>): Promise<void> {
  await db.updateTable('candidate').set(changes).where('id', '=', candidateRef).execute();
}

export async function insertEligibility(db: Executor, row: EligibilityTable): Promise<void> {
  await db.insertInto('eligibility').values(row).execute();
}

function selectWithCandidate(db: Executor, scope: EligibilityScope) {
  return db
    .selectFrom('eligibility as e')
    .innerJoin('candidate as c', 'c.id', 'e.candidate_ref')
    .selectAll('e')
    .select(CANDIDATE_COLUMNS)
    .where('e.account_id', '=', scope.accountId)
    .where('e.environment', '=', scope.environment);
}

export type EligibilityRecord = Awaited<ReturnType<ReturnType<typeof selectWithCandidate>['executeTakeFirstOrThrow']>>;

export async function findEligibilityByCode(db: Executor, scope: EligibilityScope, code: string): Promise<EligibilityRecord | undefined> {
  return selectWithCandidate(db, scope).where('e.code', '=', code).executeTakeFirst();
}

/** By internal key (links from other modules, e.g. a booking's eligibility_id), still within the caller's scope. */
export async function findEligibilityById(db: Executor, scope: EligibilityScope, id: string): Promise<EligibilityRecord | undefined> {
  return selectWithCandidate(db, scope).where('e.id', '=', id).executeTakeFirst();
}

export interface EligibilityFilter {
  candidateId?: string;
  testCode?: string;
  states?: readonly EligibilityState[];
  /** Keyset position (created_at, code) of the last row seen. */
  after?: readonly [string, string];
  limit?: number;
}

/** Oldest first, by (created_at, code): a stable order for arrays (v1) and cursors (v2). */
export async function listEligibilities(db: Executor, scope: EligibilityScope, filter: EligibilityFilter): Promise<EligibilityRecord[]> {
  let query = selectWithCandidate(db, scope).orderBy('e.created_at').orderBy('e.code');
  if (filter.candidateId !== undefined) query = query.where('c.candidate_id', '=', filter.candidateId);
  if (filter.testCode !== undefined) query = query.where('e.test_code', '=', filter.testCode);
  if (filter.states !== undefined) query = query.where('e.state', 'in', [...filter.states]);
  if (filter.after) {
    const [createdAt, code] = filter.after;
    query = query.where((eb) => eb.or([eb('e.created_at', '>', createdAt), eb.and([eb('e.created_at', '=', createdAt), eb('e.code', '>', code)])]));
  }
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

/** The one non-terminal eligibility of a candidate for a test (the partial unique index guarantees at most one). */
export async function findActiveEligibility(db: Executor, scope: EligibilityScope, candidateRef: string, testCode: string) {
  return selectWithCandidate(db, scope)
    .where('e.candidate_ref', '=', candidateRef)
    .where('e.test_code', '=', testCode)
    .where('e.state', 'in', ['pending', 'open', 'scheduled'])
    .executeTakeFirst();
}

/**
 * A guarded state change: it happens only if the row is still in one of `from` (and at `expectedVersion` when
 * given), so two concurrent transitions cannot both win. Returns the new version, or undefined when the guard failed.
 */
export async function transitionEligibility(
  db: Executor,
  change: { id: string; from: readonly EligibilityState[]; to: EligibilityState; reason: string; now: string; expectedVersion?: number },
): Promise<{ version: number; previous_state: EligibilityState | null } | undefined> {
  let query = db
    .updateTable('eligibility')
    .set((eb) => ({
      previous_state: eb.ref('state'),
      state: change.to,
      state_reason: change.reason,
      version: eb('version', '+', 1),
      updated_at: change.now,
    }))
    .where('id', '=', change.id)
    .where('state', 'in', [...change.from]);
  if (change.expectedVersion !== undefined) query = query.where('version', '=', change.expectedVersion);
  return query.returning(['version', 'previous_state']).executeTakeFirst();
}

/** A guarded field update (window, registration mode, and the pending ⇄ open move it implies): only at the version the caller read. */
export async function updateEligibilityFields(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: Pick<
    Updateable<EligibilityTable>,
    'schedule_start_date' | 'eligibility_end_date' | 'registration_mode' | 'updated_at' | 'state' | 'previous_state' | 'state_reason'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('eligibility')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('state', 'in', ['pending', 'open', 'scheduled'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertTransition(db: Executor, row: EligibilityTransitionTable): Promise<void> {
  await db.insertInto('eligibility_transition').values(row).execute();
}

export async function listTransitions(db: Executor, eligibilityId: string) {
  return db.selectFrom('eligibility_transition').selectAll().where('eligibility_id', '=', eligibilityId).orderBy('version').execute();
}

/** Eligibilities (any account) in `from` states whose date column passed the bound: the worker's batches. */
export async function findDueForTransition(
  db: Executor,
  due: { from: readonly EligibilityState[]; column: 'eligibility_end_date' | 'schedule_start_date'; op: '<' | '<='; today: string; limit: number },
) {
  return db
    .selectFrom('eligibility')
    .select(['id', 'code', 'account_id', 'environment', 'state', 'version'])
    .where('state', 'in', [...due.from])
    .where(due.column, due.op, due.today)
    .orderBy(due.column)
    .limit(due.limit)
    .execute();
}

/**
 * A guarded state change that also counts an attempt (`delta` +1 when a booking is taken or missed, -1 when an
 * absence is excused) and records its date. The CHECK attempts_used <= attempts_allowed backs the count.
 */
export async function transitionWithAttempt(
  db: Executor,
  change: { id: string; from: readonly EligibilityState[]; to: EligibilityState; reason: string; now: string; delta: 1 | -1; attemptOn: string | null },
): Promise<{ version: number; previous_state: EligibilityState | null } | undefined> {
  return db
    .updateTable('eligibility')
    .set((eb) => ({
      previous_state: eb.ref('state'),
      state: change.to,
      state_reason: change.reason,
      attempts_used: eb('attempts_used', '+', change.delta),
      ...(change.attemptOn !== null ? { last_attempt_on: change.attemptOn } : {}),
      version: eb('version', '+', 1),
      updated_at: change.now,
    }))
    .where('id', '=', change.id)
    .where('state', 'in', [...change.from])
    .where('attempts_used', change.delta > 0 ? '>=' : '>', 0)
    .returning(['version', 'previous_state'])
    .executeTakeFirst();
}
