/** Reads of other modules' tables that booking needs in bulk (Kysely only). */
import type { Executor } from '../../db/executor.ts';

/** Scheduled closures of many centres overlapping [from, to), grouped by centre: one query per slot search. */
export async function closuresOfCenters(db: Executor, centerIds: string[], from: string, to: string) {
  const byCenter = new Map<string, { starts_at: string; ends_at: string }[]>();
  if (centerIds.length === 0) return byCenter;
  const rows = await db
    .selectFrom('test_center_closure')
    .select(['test_center_id', 'starts_at', 'ends_at'])
    .where('test_center_id', 'in', centerIds)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
  for (const row of rows) byCenter.set(row.test_center_id, [...(byCenter.get(row.test_center_id) ?? []), row]);
  return byCenter;
}

/** Accounts that hold a role (test-centre notifications go to every psiTestCenter account). */
export async function accountsWithRole(db: Executor, role: string): Promise<string[]> {
  const rows = await db.selectFrom('account_role').select('account_id').where('role', '=', role).execute();
  return rows.map((r) => r.account_id);
}

/** The public code of an eligibility (by internal key). */
export async function eligibilityCodeOf(db: Executor, eligibilityId: string): Promise<string> {
  return (await db.selectFrom('eligibility').select('code').where('id', '=', eligibilityId).executeTakeFirstOrThrow()).code;
}

/** A test version's policy document (JSON text), captured on the booking. */
export async function policiesOfVersion(db: Executor, testId: string, version: number): Promise<string> {
  return (await db.selectFrom('test_version').select('policies').where('test_id', '=', testId).where('version', '=', version).executeTakeFirstOrThrow())
    .policies;
}
