import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import type { PortalRealm } from '../../../db/tables/portal.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { checkOrigin, portalSessionOf, sessionCookie, sessionGuard, setPortalSecurityHeaders } from '../portal-auth.ts';
import { changePassword, type PortalSession, signIn, signOut } from '../portal-session.service.ts';

const Credentials = Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 256 }) });
const PasswordChange = Type.Object({
  current_password: Type.String({ minLength: 1, maxLength: 256 }),
  new_password: Type.String({ minLength: 1, maxLength: 256 }),
});

/** What the browser learns about its session: who, whether the password must change, and the CSRF token. */
export function sessionView(current: Omit<PortalSession, 'session'>) {
  const { principal } = current;
  return {
    realm: principal.realm,
    username: principal.username,
    must_change_password: principal.mustChangePassword,
    csrf_token: current.csrfToken,
    ...(principal.realm === 'store' ? { account: { account_code: principal.accountCode, name: principal.accountName, roles: principal.roles } } : {}),
  };
}

/** Sign in, who am I, sign out and change password: the same four calls for the API Store and the admin console. */
export function sessionRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig, realm: PortalRealm): void {
  const base = `/${realm}/api`;
  const pending = sessionGuard(ctx, config, realm, { allowPendingPassword: true });

  app.post(`${base}/session`, { schema: { hide: true, body: Credentials } }, async (request, reply) => {
    setPortalSecurityHeaders(reply, config);
    checkOrigin(config, request);
    const opened = await signIn(ctx, realm, request.body);
    reply.header('Set-Cookie', sessionCookie(config, realm, opened.secret));
    return reply.code(201).send(sessionView(opened));
  });

  app.get(`${base}/session`, { schema: { hide: true }, onRequest: pending }, async (request) => sessionView(portalSessionOf(request)));

  app.delete(`${base}/session`, { schema: { hide: true }, onRequest: pending }, async (request, reply) => {
    await signOut(ctx, portalSessionOf(request));
    return reply
      .header('Set-Cookie', sessionCookie(config, realm, null))
      .code(204)
      .send();
  });

  app.post(`${base}/password`, { schema: { hide: true, body: PasswordChange }, onRequest: pending }, async (request) => {
    const current = portalSessionOf(request);
    await changePassword(ctx, current, request.body);
    return sessionView({ ...current, principal: { ...current.principal, mustChangePassword: false } });
  });
}
