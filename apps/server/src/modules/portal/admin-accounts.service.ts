/** What the admin console shows of accounts: the same identity services as `atlas admin …`, shaped for the screens. */
import type { ServiceContext } from '../../platform/context.ts';
import { findAccountById } from '../identity/account.repository.ts';
import { listAccountUsers, listAllAccounts, requireAccount } from '../identity/account.service.ts';
import { listAccountApplications } from '../identity/application.service.ts';
import { listAuditEvents } from '../identity/audit.repository.ts';
import { applicationView } from './store-applications.service.ts';

export function accountView(a: { account_code: string; name: string; status: string; roles?: string[]; cidrs?: string[]; created_at: string }) {
  return { account_code: a.account_code, name: a.name, status: a.status, roles: a.roles ?? [], cidrs: a.cidrs ?? [], created_at: a.created_at };
}

export async function listAccountsWithRoles(ctx: ServiceContext) {
  const rows = await listAllAccounts(ctx);
  const accounts = await Promise.all(rows.map((r) => findAccountById(ctx.db, r.id)));
  return accounts.filter((a) => a !== undefined).map(accountView);
}

export async function accountDetail(ctx: ServiceContext, accountCode: string) {
  const account = await requireAccount(ctx.db, accountCode);
  const [users, applications] = await Promise.all([listAccountUsers(ctx, account.account_code), listAccountApplications(ctx, account.account_code)]);
  return {
    ...accountView(account),
    users: users.map((u) => ({
      username: u.username,
      email: u.email,
      status: u.status,
      must_change_password: u.must_change_password === 1,
      created_at: u.created_at,
    })),
    applications: await Promise.all(applications.map((a) => applicationView(ctx, a.id))),
  };
}

export async function auditLog(ctx: ServiceContext, filter: { accountCode?: string; limit: number }) {
  const accountId = filter.accountCode ? (await requireAccount(ctx.db, filter.accountCode)).id : undefined;
  const events = await listAuditEvents(ctx.db, { accountId, limit: filter.limit });
  const codes = new Map((await listAllAccounts(ctx)).map((a) => [a.id, a.account_code]));
  return events.map((e) => ({
    id: e.id,
    occurred_at: e.occurred_at,
    actor: e.actor,
    account_code: e.account_id ? (codes.get(e.account_id) ?? null) : null,
    action: e.action,
    target_type: e.target_type,
    target_id: e.target_id,
    details: JSON.parse(e.details) as Record<string, unknown>,
  }));
}
