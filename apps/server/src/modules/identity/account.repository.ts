import type { Executor } from '../../db/executor.ts';
import type { AccountRow, PortalUserRow } from '../../db/schema.ts';

export interface AccountRecord extends AccountRow {
  roles: string[];
  cidrs: string[];
}

export async function insertAccount(db: Executor, account: AccountRow, roles: string[], cidrs: string[]): Promise<void> {
  await db.insertInto('account').values(account).execute();
  await replaceRoles(db, account.id, roles);
  await replaceCidrs(db, account.id, cidrs);
}

export async function replaceRoles(db: Executor, accountId: string, roles: string[]): Promise<void> {
  await db.deleteFrom('account_role').where('account_id', '=', accountId).execute();
  if (roles.length > 0)
    await db
      .insertInto('account_role')
      .values(roles.map((role) => ({ account_id: accountId, role })))
      .execute();
}

export async function replaceCidrs(db: Executor, accountId: string, cidrs: string[]): Promise<void> {
  await db.deleteFrom('account_cidr').where('account_id', '=', accountId).execute();
  if (cidrs.length > 0)
    await db
      .insertInto('account_cidr')
      .values(cidrs.map((cidr) => ({ account_id: accountId, cidr })))
      .execute();
}

export async function updateAccountRow(db: Executor, accountId: string, changes: Partial<Pick<AccountRow, 'name' | 'status' | 'updated_at'>>): Promise<void> {
  await db.updateTable('account').set(changes).where('id', '=', accountId).execute();
}

export async function findAccountByCode(db: Executor, accountCode: string): Promise<AccountRecord | undefined> {
  const account = await db.selectFrom('account').selectAll().where('account_code', '=', accountCode).executeTakeFirst();
  return account ? withRolesAndCidrs(db, account) : undefined;
}

export async function findAccountById(db: Executor, accountId: string): Promise<AccountRecord | undefined> {
  const account = await db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirst();
  return account ? withRolesAndCidrs(db, account) : undefined;
}

async function withRolesAndCidrs(db: Executor, account: AccountRow): Promise<AccountRecord> {
  const [roles, cidrs] = await Promise.all([
    db.selectFrom('account_role').select('role').where('account_id', '=', account.id).orderBy('role').execute(),
    db.selectFrom('account_cidr').select('cidr').where('account_id', '=', account.id).orderBy('cidr').execute(),
  ]);
  return { ...account, roles: roles.map((r) => r.role), cidrs: cidrs.map((c) => c.cidr) };
}

export async function listAccounts(db: Executor): Promise<AccountRow[]> {
  return db.selectFrom('account').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function countAccounts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertUser(db: Executor, user: PortalUserRow): Promise<void> {
  await db.insertInto('portal_user').values(user).execute();
}

export async function findUser(db: Executor, accountId: string, username: string): Promise<PortalUserRow | undefined> {
  return db.selectFrom('portal_user').selectAll().where('account_id', '=', accountId).where('username', '=', username).executeTakeFirst();
}

/** Usernames are unique across Atlas (the password grant and the portal sign-in take them without an account code). */
export async function isUsernameTaken(db: Executor, username: string): Promise<boolean> {
  return (await db.selectFrom('portal_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export async function findUserById(db: Executor, userId: string): Promise<PortalUserRow | undefined> {
  return db.selectFrom('portal_user').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function listUsers(db: Executor, accountId: string): Promise<PortalUserRow[]> {
  return db.selectFrom('portal_user').selectAll().where('account_id', '=', accountId).orderBy('username').execute();
}

export async function updateUserRow(
  db: Executor,
  userId: string,
  changes: Partial<Pick<PortalUserRow, 'password_hash' | 'must_change_password' | 'status' | 'email' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('portal_user').set(changes).where('id', '=', userId).execute();
}
