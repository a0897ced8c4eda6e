/**
 * The API Store's use cases on applications, keys and subscriptions. Each one checks that the object belongs to the
 * signed-in account (another account's application answers exactly like an unknown one), then calls the same identity
 * services as the admin CLI.
 */
import type { Environment } from '../../db/schema.ts';
import { findService, SERVICES } from '../../gateway/service-catalog.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findApplication, listKeys, listSubscriptions } from '../identity/application.repository.ts';
import {
  createApplication,
  deleteApplication,
  listAccountApplications,
  requireApplication,
  rotateSecret,
  subscribe,
  unsubscribe,
  updateApplication,
} from '../identity/application.service.ts';
import { recordAudit } from '../identity/audit.ts';
import { IdentityErrors } from '../identity/identity.errors.ts';
import { issueTokens } from '../oauth/grants/issue-tokens.ts';
import { PortalErrors } from './portal.errors.ts';
import type { StorePrincipal } from './portal-session.service.ts';

export function servicesAllowed(roles: readonly string[]) {
  return SERVICES.filter((s) => s.role === null || roles.includes(s.role));
}

async function requireOwnApplication(ctx: ServiceContext, principal: StorePrincipal, applicationId: string) {
  const application = await findApplication(ctx.db, applicationId);
  if (!application || application.account_id !== principal.accountId) {
    throw new AppError(IdentityErrors.IDENTITY_APPLICATION_NOT_FOUND, `no application has the id "${applicationId}"`);
  }
  return application;
}

function requireAllowedService(principal: StorePrincipal, service: string) {
  const definition = findService(service);
  if (!definition || !servicesAllowed(principal.roles).some((s) => s.slug === service)) {
    throw new AppError(PortalErrors.PORTAL_SERVICE_NOT_AVAILABLE, `the service "${service}" is not available to your account`);
  }
  return definition.slug;
}

export async function applicationView(ctx: ServiceContext, applicationId: string) {
  const application = await requireApplication(ctx.db, applicationId);
  const [keys, subscriptions] = await Promise.all([listKeys(ctx.db, application.id), listSubscriptions(ctx.db, application.id)]);
  return {
    application_id: application.id,
    name: application.name,
    description: application.description,
    tier: application.throttling_tier,
    password_grant: application.password_grant_enabled === 1,
    access_token_ttl_seconds: application.access_token_ttl_seconds,
    status: application.status,
    created_at: application.created_at,
    keys: keys.map((k) => ({
      environment: k.environment,
      consumer_key: k.consumer_key,
      created_at: k.created_at,
      rotated_at: k.rotated_at,
      previous_secret_expires_at: k.previous_secret_expires_at,
    })),
    subscriptions: subscriptions.map((s) => ({ service: s.service, tier: s.throttling_tier, status: s.status, created_at: s.created_at })),
  };
}

export async function listOwnApplications(ctx: ServiceContext, principal: StorePrincipal) {
  const applications = await listAccountApplications(ctx, principal.accountCode);
  return Promise.all(applications.map((a) => applicationView(ctx, a.id)));
}

export async function getOwnApplication(ctx: ServiceContext, principal: StorePrincipal, applicationId: string) {
  await requireOwnApplication(ctx, principal, applicationId);
  return applicationView(ctx, applicationId);
}

/** Creates the application without subscriptions; its secrets are generated (and shown once) on the keys tab. */
export async function createOwnApplication(ctx: ServiceContext, principal: StorePrincipal, input: { name: string; description?: string }) {
  const created = await createApplication(ctx, principal.accountCode, { name: input.name, description: input.description, tier: 'Unlimited' }, principal.actor);
  return applicationView(ctx, created.application.id);
}

export async function updateOwnApplication(
  ctx: ServiceContext,
  principal: StorePrincipal,
  applicationId: string,
  input: { name?: string; description?: string; password_grant?: boolean },
) {
  await requireOwnApplication(ctx, principal, applicationId);
  await updateApplication(ctx, applicationId, { name: input.name, description: input.description, passwordGrant: input.password_grant }, principal.actor);
  return applicationView(ctx, applicationId);
}

export async function deleteOwnApplication(ctx: ServiceContext, principal: StorePrincipal, applicationId: string) {
  await requireOwnApplication(ctx, principal, applicationId);
  await deleteApplication(ctx, applicationId, principal.actor);
}

/** A new consumer secret (shown once); the previous one keeps working for `overlapSeconds`. */
export async function generateOwnSecret(
  ctx: ServiceContext,
  principal: StorePrincipal,
  applicationId: string,
  environment: Environment,
  overlapSeconds: number,
) {
  await requireOwnApplication(ctx, principal, applicationId);
  return rotateSecret(ctx, applicationId, environment, overlapSeconds, principal.actor);
}

/** "Generate test token": an application token for one environment, as client_credentials would issue it. */
export async function issueOwnTestToken(ctx: ServiceContext, principal: StorePrincipal, applicationId: string, environment: Environment) {
  const application = await requireOwnApplication(ctx, principal, applicationId);
  const key = (await listKeys(ctx.db, application.id)).find((k) => k.environment === environment);
  if (!key) throw new AppError(IdentityErrors.IDENTITY_APPLICATION_NOT_FOUND, `the application has no ${environment} key`);
  const client = {
    consumerKey: key.consumer_key,
    environment,
    applicationId: application.id,
    accountId: principal.accountId,
    accountCode: principal.accountCode,
    passwordGrantEnabled: application.password_grant_enabled === 1,
    accessTokenTtlSeconds: application.access_token_ttl_seconds,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const token = await issueTokens(trx, ctx, client, { scope: 'default', userId: null });
    await recordAudit(trx, ctx, {
      actor: principal.actor,
      accountId: principal.accountId,
      action: 'application.test_token_issued',
      targetType: 'application',
      targetId: application.id,
      details: { environment },
    });
    return token;
  });
}

export async function subscribeOwn(ctx: ServiceContext, principal: StorePrincipal, applicationId: string, service: string, tier: string) {
  await requireOwnApplication(ctx, principal, applicationId);
  await subscribe(ctx, applicationId, [requireAllowedService(principal, service)], tier, principal.actor);
  return applicationView(ctx, applicationId);
}

export async function unsubscribeOwn(ctx: ServiceContext, principal: StorePrincipal, applicationId: string, service: string) {
  await requireOwnApplication(ctx, principal, applicationId);
  await unsubscribe(ctx, applicationId, [requireAllowedService(principal, service)], principal.actor);
  return applicationView(ctx, applicationId);
}
