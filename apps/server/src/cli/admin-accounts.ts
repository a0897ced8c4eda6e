import {
  createAccount,
  createUser,
  listAccountUsers,
  listAllAccounts,
  requireAccount,
  resetUserPassword,
  setUserPassword,
  setUserStatus,
  updateAccount,
} from '../modules/identity/account.service.ts';
import { listAuditEvents } from '../modules/identity/audit.repository.ts';
import { summarizeAccountUsage } from '../modules/usage/usage.repository.ts';
import type { Actor, ServiceContext } from '../platform/context.ts';
import { listOption, parseOptions, required, UsageError } from './args.ts';

type Handler = (ctx: ServiceContext, argv: string[], actor: Actor) => Promise<unknown>;

function accountView(a: { account_code: string; name: string; status: string; roles?: string[]; cidrs?: string[]; created_at: string }) {
  return { account_code: a.account_code, name: a.name, status: a.status, ...(a.roles ? { roles: a.roles, cidrs: a.cidrs } : {}), created_at: a.created_at };
}

export const accountCommands: Record<string, Handler> = {
  'account create': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, {
      name: { type: 'string' },
      roles: { type: 'string' },
      cidr: { type: 'string', multiple: true },
      username: { type: 'string' },
      email: { type: 'string' },
    });
    const created = await createAccount(
      ctx,
      { name: required(values.name, '--name'), roles: values.roles ?? 'all', cidrs: listOption(values.cidr), username: values.username, email: values.email },
      actor,
    );
    return {
      account_code: created.account.account_code,
      username: created.username,
      password: created.password,
      name: created.account.name,
      roles: created.account.roles,
      cidrs: created.account.cidrs,
    };
  },
  'account update': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, { name: { type: 'string' }, roles: { type: 'string' }, cidr: { type: 'string', multiple: true } });
    const code = required(positionals[0], 'the account code');
    return accountView(await updateAccount(ctx, code, { name: values.name, roles: values.roles, cidrs: listOption(values.cidr) }, actor));
  },
  'account disable': async (ctx, argv, actor) =>
    accountView(await updateAccount(ctx, required(parseOptions(argv, {}).positionals[0], 'the account code'), { status: 'disabled' }, actor)),
  'account enable': async (ctx, argv, actor) =>
    accountView(await updateAccount(ctx, required(parseOptions(argv, {}).positionals[0], 'the account code'), { status: 'active' }, actor)),
  'account show': async (ctx, argv) => accountView(await requireAccount(ctx.db, required(parseOptions(argv, {}).positionals[0], 'the account code'))),
  'account list': async (ctx, argv) => {
    parseOptions(argv, {});
    return { accounts: (await listAllAccounts(ctx)).map(accountView) };
  },
  'user create': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { account: { type: 'string' }, username: { type: 'string' }, email: { type: 'string' } });
    return createUser(ctx, required(values.account, '--account'), { username: required(values.username, '--username'), email: values.email }, actor);
  },
  'user set-password': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { account: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } });
    await setUserPassword(ctx, required(values.account, '--account'), required(values.username, '--username'), required(values.password, '--password'), actor);
    return { ok: true };
  },
  'user reset-password': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { account: { type: 'string' }, username: { type: 'string' } });
    const password = await resetUserPassword(ctx, required(values.account, '--account'), required(values.username, '--username'), actor);
    return { username: values.username, password, one_time: true };
  },
  'user disable': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { account: { type: 'string' }, username: { type: 'string' } });
    await setUserStatus(ctx, required(values.account, '--account'), required(values.username, '--username'), 'disabled', actor);
    return { ok: true };
  },
  'user enable': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { account: { type: 'string' }, username: { type: 'string' } });
    await setUserStatus(ctx, required(values.account, '--account'), required(values.username, '--username'), 'active', actor);
    return { ok: true };
  },
  'user list': async (ctx, argv) => {
    const { values } = parseOptions(argv, { account: { type: 'string' } });
    const users = await listAccountUsers(ctx, required(values.account, '--account'));
    return {
      users: users.map((u) => ({
        username: u.username,
        email: u.email,
        status: u.status,
        must_change_password: u.must_change_password === 1,
        created_at: u.created_at,
      })),
    };
  },
  'usage show': async (ctx, argv) => {
    const { values } = parseOptions(argv, { account: { type: 'string' }, hours: { type: 'string' } });
    const account = await requireAccount(ctx.db, required(values.account, '--account'));
    const hours = values.hours ? Number(values.hours) : 24;
    if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 90) throw new UsageError('--hours must be 1–2160');
    const since = new Date(ctx.clock.now().getTime() - hours * 3_600_000);
    since.setUTCSeconds(0, 0);
    const rows = await summarizeAccountUsage(ctx.db, { accountId: account.id, since: since.toISOString() });
    return {
      account_code: account.account_code,
      since: since.toISOString(),
      usage: rows.map((r) => ({
        application_id: r.application_id,
        environment: r.environment,
        service: r.service,
        version: r.version,
        operation: r.operation,
        status: Number(r.status),
        requests: Number(r.requests),
        average_latency_ms: Math.round((Number(r.total_latency_ms) / Math.max(1, Number(r.requests))) * 10) / 10,
      })),
    };
  },
  'audit list': async (ctx, argv) => {
    const { values } = parseOptions(argv, { account: { type: 'string' }, limit: { type: 'string' } });
    const accountId = values.account ? (await requireAccount(ctx.db, values.account)).id : undefined;
    const limit = values.limit ? Number(values.limit) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be 1–1000');
    const events = await listAuditEvents(ctx.db, { accountId, limit });
    return { events: events.map((e) => ({ ...e, details: JSON.parse(e.details) })) };
  },
};
