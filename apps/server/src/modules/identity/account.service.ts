import type { Executor } from '../../db/executor.ts';
import { isUniqueViolation } from '../../db/executor.ts';
import type { AccountRow } from '../../db/schema.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { generateOneTimePassword, hashPassword } from '../../platform/secrets.ts';
import {
  type AccountRecord,
  findAccountByCode,
  findUser,
  insertAccount,
  insertUser,
  isUsernameTaken,
  listAccounts,
  listUsers,
  replaceCidrs,
  replaceRoles,
  updateAccountRow,
  updateUserRow,
} from './account.repository.ts';
import { recordAudit } from './audit.ts';
import { IdentityErrors } from './identity.errors.ts';
import { normalizeCidr, OPEN_CIDRS, parseRoles, validateName, validatePassword, validateUsername } from './identity.policy.ts';

export interface CreateAccountInput {
  name: string;
  roles?: string | string[];
  cidrs?: string[];
  /** API Store username; defaults to `<account_code lower-case>.admin`. */
  username?: string;
  email?: string;
}

export interface CreatedAccount {
  account: AccountRecord;
  username: string;
  /** One-time password: shown once, opens only the portal's change-password form. */
  password: string;
}

export async function requireAccount(db: Executor, accountCode: string): Promise<AccountRecord> {
  const account = await findAccountByCode(db, accountCode.trim().toUpperCase());
  if (!account) throw new AppError(IdentityErrors.IDENTITY_ACCOUNT_NOT_FOUND, `no account has the code "${accountCode}"`);
  return account;
}

export async function createAccount(ctx: ServiceContext, input: CreateAccountInput, actor: Actor): Promise<CreatedAccount> {
  const name = validateName(input.name, 'the account name');
  const roles = parseRoles(input.roles ?? []);
  const cidrs = input.cidrs && input.cidrs.length > 0 ? [...new Set(input.cidrs.map(normalizeCidr))] : OPEN_CIDRS;
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now().toISOString();
  // A fresh random code can collide with an existing one (1 in 31^8 per account): retry a few times.
  for (let attempt = 0; ; attempt++) {
    const account: AccountRow = { id: ctx.ids.id('account'), account_code: ctx.ids.accountCode(), name, status: 'active', created_at: now, updated_at: now };
    const username = validateUsername(input.username ?? `${account.account_code.toLowerCase()}.admin`);
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await insertAccount(trx, account, roles, cidrs);
        await insertUser(trx, {
          id: ctx.ids.id('user'),
          account_id: account.id,
          username,
          email: input.email ?? null,
          password_hash: passwordHash,
          must_change_password: 1,
          status: 'active',
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, ctx, {
          actor,
          accountId: account.id,
          action: 'account.created',
          targetType: 'account',
          targetId: account.id,
          details: { name, roles, cidrs, username },
        });
      });
      return { account: { ...account, roles: [...roles].sort(), cidrs: [...cidrs].sort() }, username, password };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (input.username && (await isUsernameTaken(ctx.db, username))) {
        throw new AppError(IdentityErrors.IDENTITY_USERNAME_TAKEN, `the username "${username}" is taken`);
      }
      if (attempt >= 4) throw error;
    }
  }
}

export interface UpdateAccountInput {
  name?: string;
  roles?: string | string[];
  cidrs?: string[];
  status?: 'active' | 'disabled';
}

export async function updateAccount(ctx: ServiceContext, accountCode: string, input: UpdateAccountInput, actor: Actor): Promise<AccountRecord> {
  const name = input.name === undefined ? undefined : validateName(input.name, 'the account name');
  const roles = input.roles === undefined ? undefined : parseRoles(input.roles);
  const cidrs = input.cidrs === undefined ? undefined : [...new Set(input.cidrs.map(normalizeCidr))];
  return ctx.db.transaction().execute(async (trx) => {
    const account = await requireAccount(trx, accountCode);
    const now = ctx.clock.now().toISOString();
    await updateAccountRow(trx, account.id, { ...(name ? { name } : {}), ...(input.status ? { status: input.status } : {}), updated_at: now });
    if (roles) await replaceRoles(trx, account.id, roles);
    if (cidrs) await replaceCidrs(trx, account.id, cidrs);
    const changes = { name, roles, cidrs, status: input.status };
    await recordAudit(trx, ctx, { actor, accountId: account.id, action: 'account.updated', targetType: 'account', targetId: account.id, details: changes });
    return requireAccount(trx, account.account_code);
  });
}

export async function listAllAccounts(ctx: ServiceContext): Promise<AccountRow[]> {
  return listAccounts(ctx.db);
}

export async function createUser(ctx: ServiceContext, accountCode: string, input: { username: string; email?: string }, actor: Actor) {
  const username = validateUsername(input.username);
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now().toISOString();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const account = await requireAccount(trx, accountCode);
      const id = ctx.ids.id('user');
      await insertUser(trx, {
        id,
        account_id: account.id,
        username,
        email: input.email ?? null,
        password_hash: passwordHash,
        must_change_password: 1,
        status: 'active',
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, ctx, { actor, accountId: account.id, action: 'user.created', targetType: 'user', targetId: id, details: { username } });
      return { user_id: id, account_code: account.account_code, username, password };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(IdentityErrors.IDENTITY_USERNAME_TAKEN, `the username "${username}" is taken`);
    throw error;
  }
}

/**
 * Sets a password. `permanent: true` is the coordinator's (or the user's own) choice; `false` issues a new
 * one-time password that must be changed in the portal before the password grant accepts it.
 */
export async function setUserPassword(
  ctx: ServiceContext,
  accountCode: string,
  username: string,
  password: string,
  actor: Actor,
  options: { permanent: boolean } = { permanent: true },
): Promise<void> {
  const passwordHash = await hashPassword(options.permanent ? validatePassword(password) : password);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, accountCode, username);
    await updateUserRow(trx, user.id, {
      password_hash: passwordHash,
      must_change_password: options.permanent ? 0 : 1,
      updated_at: ctx.clock.now().toISOString(),
    });
    await recordAudit(trx, ctx, {
      actor,
      accountId: user.account_id,
      action: options.permanent ? 'user.password_set' : 'user.password_reset',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

export async function resetUserPassword(ctx: ServiceContext, accountCode: string, username: string, actor: Actor): Promise<string> {
  const password = generateOneTimePassword();
  await setUserPassword(ctx, accountCode, username, password, actor, { permanent: false });
  return password;
}

export async function setUserStatus(ctx: ServiceContext, accountCode: string, username: string, status: 'active' | 'disabled', actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, accountCode, username);
    await updateUserRow(trx, user.id, { status, updated_at: ctx.clock.now().toISOString() });
    await recordAudit(trx, ctx, {
      actor,
      accountId: user.account_id,
      action: `user.${status === 'active' ? 'enabled' : 'disabled'}`,
      targetType: 'user',
      targetId: user.id,
    });
  });
}

export async function listAccountUsers(ctx: ServiceContext, accountCode: string) {
  const account = await requireAccount(ctx.db, accountCode);
  return listUsers(ctx.db, account.id);
}

async function requireUser(db: Executor, accountCode: string, username: string) {
  const account = await requireAccount(db, accountCode);
  const user = await findUser(db, account.id, username.trim().toLowerCase());
  if (!user) throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND, `account ${account.account_code} has no user "${username}"`);
  return user;
}
