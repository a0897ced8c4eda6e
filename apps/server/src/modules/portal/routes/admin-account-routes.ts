import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import { ROLES } from '../../../gateway/service-catalog.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { createAccount, createUser, requireAccount, resetUserPassword, setUserStatus, updateAccount } from '../../identity/account.service.ts';
import { unsubscribe, updateApplication } from '../../identity/application.service.ts';
import { accountDetail, accountView, auditLog, listAccountsWithRoles } from '../admin-accounts.service.ts';
import { adminPrincipalOf, sessionGuard } from '../portal-auth.ts';
import { applicationView } from '../store-applications.service.ts';
import { usageReport } from '../usage-report.ts';

const Code = Type.Object({ accountCode: Type.String({ maxLength: 20 }) });
const UserParams = Type.Object({ accountCode: Type.String({ maxLength: 20 }), username: Type.String({ maxLength: 100 }) });
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const NewAccount = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  roles: Type.Array(Role, { maxItems: ROLES.length }),
  cidrs: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
});
const AccountChanges = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  roles: Type.Optional(Type.Array(Role, { maxItems: ROLES.length })),
  cidrs: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
});
const NewUser = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), email: Type.Optional(Type.String({ maxLength: 200 })) });
const UserStatus = Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) });
const AuditQuery = Type.Object({ account: Type.Optional(Type.String({ maxLength: 20 })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) });
const AppParams = Type.Object({ applicationId: Type.String({ maxLength: 100 }) });
const AppSubscriptionParams = Type.Object({ applicationId: Type.String({ maxLength: 100 }), service: Type.String({ maxLength: 100 }) });
const AppStatus = Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) });
const UsageQuery = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 90, default: 14 }) });

/** Accounts, their users, audit and usage for coordinators. */
export function adminAccountRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig): void {
  const guard = sessionGuard(ctx, config, 'admin');
  const base = '/admin/api/accounts';
  const hide = true;

  app.get(base, { schema: { hide }, onRequest: guard }, async () => ({ data: await listAccountsWithRoles(ctx) }));
  app.post(base, { schema: { hide, body: NewAccount }, onRequest: guard }, async (request, reply) => {
    const created = await createAccount(ctx, request.body, adminPrincipalOf(request).actor);
    // The three things to hand the partner: account code, API Store username, one-time password.
    return reply.code(201).send({ ...accountView(created.account), username: created.username, password: created.password });
  });
  app.get(`${base}/:accountCode`, { schema: { hide, params: Code }, onRequest: guard }, async (request) => accountDetail(ctx, request.params.accountCode));
  app.patch(`${base}/:accountCode`, { schema: { hide, params: Code, body: AccountChanges }, onRequest: guard }, async (request) =>
    accountView(await updateAccount(ctx, request.params.accountCode, request.body, adminPrincipalOf(request).actor)),
  );
  app.post(`${base}/:accountCode/users`, { schema: { hide, params: Code, body: NewUser }, onRequest: guard }, async (request, reply) =>
    reply.code(201).send(await createUser(ctx, request.params.accountCode, request.body, adminPrincipalOf(request).actor)),
  );
  app.post(`${base}/:accountCode/users/:username/reset-password`, { schema: { hide, params: UserParams }, onRequest: guard }, async (request) => {
    const { accountCode, username } = request.params;
    return { username, password: await resetUserPassword(ctx, accountCode, username, adminPrincipalOf(request).actor), one_time: true };
  });
  app.put(`${base}/:accountCode/users/:username/status`, { schema: { hide, params: UserParams, body: UserStatus }, onRequest: guard }, async (request) => {
    const { accountCode, username } = request.params;
    await setUserStatus(ctx, accountCode, username, request.body.status, adminPrincipalOf(request).actor);
    return { username, status: request.body.status };
  });
  app.get(`${base}/:accountCode/usage`, { schema: { hide, params: Code, querystring: UsageQuery }, onRequest: guard }, async (request) => {
    const account = await requireAccount(ctx.db, request.params.accountCode);
    return { account_code: account.account_code, ...(await usageReport(ctx, account.id, request.query.days)) };
  });
  // Coordinators act on any account's application (a suspected leak: disable it; a wrong subscription: remove it).
  app.put('/admin/api/applications/:applicationId/status', { schema: { hide, params: AppParams, body: AppStatus }, onRequest: guard }, async (request) => {
    await updateApplication(ctx, request.params.applicationId, { status: request.body.status }, adminPrincipalOf(request).actor);
    return applicationView(ctx, request.params.applicationId);
  });
  app.delete(
    '/admin/api/applications/:applicationId/subscriptions/:service',
    { schema: { hide, params: AppSubscriptionParams }, onRequest: guard },
    async (request) => {
      await unsubscribe(ctx, request.params.applicationId, [request.params.service], adminPrincipalOf(request).actor);
      return applicationView(ctx, request.params.applicationId);
    },
  );
  app.get('/admin/api/audit', { schema: { hide, querystring: AuditQuery }, onRequest: guard }, async (request) => ({
    data: await auditLog(ctx, { accountCode: request.query.account, limit: request.query.limit }),
  }));
}
