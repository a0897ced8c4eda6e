import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { TestTable, TestVersionTable } from '../../db/tables/test-publication.ts';

export interface TestScope {
  accountId: string;
  environment: Environment;
}

export async function insertTest(db: Executor, test: TestTable): Promise<void> {
  await db.insertInto('test').values(test).execute();
}

export async function insertTestVersion(db: Executor, version: TestVersionTable): Promise<void> {
  await db.insertInto('test_version').values(version).execute();
}

export async function updateTestRow(
  db: Executor,
  testId: string,
  changes: Partial<Pick<TestTable, 'state' | 'current_version' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('test').set(changes).where('id', '=', testId).execute();
}

/** A test of the caller's account and environment, with its current version; undefined when there is none. */
export async function findTest(db: Executor, scope: TestScope, testCode: string) {
  return db
    .selectFrom('test as t')
    .innerJoin('test_version as v', (join) => join.onRef('v.test_id', '=', 't.id').onRef('v.version', '=', 't.current_version'))
    .selectAll('v')
    .select(['t.id', 't.account_id', 't.environment', 't.test_code', 't.state', 't.current_version', 't.created_at as test_created_at', 't.updated_at'])
    .where('t.account_id', '=', scope.accountId)
    .where('t.environment', '=', scope.environment)
    .where('t.test_code', '=', testCode)
    .executeTakeFirst();
}

export type TestWithVersion = NonNullable<Awaited<ReturnType<typeof findTest>>>;

export async function findTestVersion(db: Executor, testId: string, version: number) {
  return db.selectFrom('test_version').selectAll().where('test_id', '=', testId).where('version', '=', version).executeTakeFirst();
}

export async function listTestVersions(db: Executor, testId: string) {
  return db.selectFrom('test_version').selectAll().where('test_id', '=', testId).orderBy('version').execute();
}

/** Page through an account's tests by test_code (cursor = last test_code seen). */
export async function listTests(db: Executor, scope: TestScope, filter: { state?: TestTable['state']; after?: string; limit: number }) {
  let query = db
    .selectFrom('test as t')
    .innerJoin('test_version as v', (join) => join.onRef('v.test_id', '=', 't.id').onRef('v.version', '=', 't.current_version'))
    .selectAll('v')
    .select(['t.id', 't.account_id', 't.environment', 't.test_code', 't.state', 't.current_version', 't.created_at as test_created_at', 't.updated_at'])
    .where('t.account_id', '=', scope.accountId)
    .where('t.environment', '=', scope.environment)
    .orderBy('t.test_code')
    .limit(filter.limit);
  if (filter.state) query = query.where('t.state', '=', filter.state);
  if (filter.after !== undefined) query = query.where('t.test_code', '>', filter.after);
  return query.execute();
}

/** Guarded state change: moves the test only if it is still in one of `from` (never read-then-write). Returns whether it moved. */
export async function transitionTestState(
  db: Executor,
  testId: string,
  change: { from: readonly TestTable['state'][]; to: TestTable['state']; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('test')
    .set({ state: change.to, updated_at: change.at })
    .where('id', '=', testId)
    .where('state', 'in', [...change.from])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Makes `fromVersion + 1` current for a published test, guarded on the version and state read before: two concurrent
 * replacements cannot both create the same next version (the loser updates no row).
 */
export async function advanceCurrentVersion(db: Executor, testId: string, fromVersion: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('test')
    .set({ current_version: fromVersion + 1, updated_at: at })
    .where('id', '=', testId)
    .where('current_version', '=', fromVersion)
    .where('state', '=', 'published')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks a draft as changed; false when it is no longer a draft (published or retired meanwhile). */
export async function touchDraft(db: Executor, testId: string, at: string): Promise<boolean> {
  const result = await db.updateTable('test').set({ updated_at: at }).where('id', '=', testId).where('state', '=', 'draft').executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Rewrites a version's definition in place (drafts only: published versions are immutable). */
export async function overwriteTestVersion(db: Executor, version: TestVersionTable): Promise<void> {
  const { test_id, version: number, created_at: _createdAt, ...definition } = version;
  await db.updateTable('test_version').set(definition).where('test_id', '=', test_id).where('version', '=', number).execute();
}

/** Page through a test's versions, oldest first (cursor = last version number seen). */
export async function listTestVersionsPage(db: Executor, testId: string, filter: { after?: number; limit: number }) {
  let query = db.selectFrom('test_version').selectAll().where('test_id', '=', testId).orderBy('version').limit(filter.limit);
  if (filter.after !== undefined) query = query.where('version', '>', filter.after);
  return query.execute();
}
