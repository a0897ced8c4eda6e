import type { Executor } from '../../db/executor.ts';
import type { CoordinatorTable, PortalLoginFailureTable, PortalRealm, PortalSessionTable } from '../../db/tables/portal.ts';

export async function insertSession(db: Executor, session: PortalSessionTable): Promise<void> {
  await db.insertInto('portal_session').values(session).execute();
}

export async function findSessionByHash(db: Executor, realm: PortalRealm, sessionHash: string): Promise<PortalSessionTable | undefined> {
  return db.selectFrom('portal_session').selectAll().where('session_hash', '=', sessionHash).where('realm', '=', realm).executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('portal_session').set({ last_seen_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeSession(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('portal_session').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Ends every other session of the same person (after a password change). */
export async function revokeOtherSessions(db: Executor, keep: PortalSessionTable, now: string): Promise<void> {
  let query = db.updateTable('portal_session').set({ revoked_at: now }).where('id', '!=', keep.id).where('revoked_at', 'is', null);
  query = keep.user_id ? query.where('user_id', '=', keep.user_id) : query.where('coordinator_id', '=', keep.coordinator_id);
  await query.execute();
}

export async function findLoginFailure(db: Executor, realm: PortalRealm, username: string): Promise<PortalLoginFailureTable | undefined> {
  return db.selectFrom('portal_login_failure').selectAll().where('realm', '=', realm).where('username', '=', username).executeTakeFirst();
}

export async function saveLoginFailure(db: Executor, row: PortalLoginFailureTable): Promise<void> {
  await db
    .insertInto('portal_login_failure')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['realm', 'username']).doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }),
    )
    .execute();
}

export async function clearLoginFailures(db: Executor, realm: PortalRealm, username: string): Promise<void> {
  await db.deleteFrom('portal_login_failure').where('realm', '=', realm).where('username', '=', username).execute();
}

export async function insertCoordinator(db: Executor, row: CoordinatorTable): Promise<void> {
  await db.insertInto('coordinator').values(row).execute();
}

export async function findCoordinatorByUsername(db: Executor, username: string): Promise<CoordinatorTable | undefined> {
  return db.selectFrom('coordinator').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findCoordinatorById(db: Executor, id: string): Promise<CoordinatorTable | undefined> {
  return db.selectFrom('coordinator').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCoordinatorRows(db: Executor): Promise<CoordinatorTable[]> {
  return db.selectFrom('coordinator').selectAll().orderBy('username').execute();
}

export async function updateCoordinatorRow(
  db: Executor,
  id: string,
  changes: Partial<Pick<CoordinatorTable, 'password_hash' | 'must_change_password' | 'status' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('coordinator').set(changes).where('id', '=', id).execute();
}
