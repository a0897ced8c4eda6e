import type { Executor } from '../../db/executor.ts';
import { isUniqueViolation } from '../../db/executor.ts';
import type { ApplicationKeyRow, ApplicationRow, Environment } from '../../db/schema.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { generateSecret, hashSecret } from '../../platform/secrets.ts';
import { requireAccount } from './account.service.ts';
import {
  deleteApplicationRow,
  deleteSubscription,
  findApplication,
  findKey,
  findTier,
  insertApplication,
  insertKey,
  listApplications,
  listKeys,
  listSubscriptions,
  rotateKeySecret,
  updateApplicationRow,
  upsertSubscription,
} from './application.repository.ts';
import { recordAudit } from './audit.ts';
import { IdentityErrors } from './identity.errors.ts';
import { parseServices, validateName, validateTokenTtl } from './identity.policy.ts';

export const ENVIRONMENTS: readonly Environment[] = ['production', 'sandbox'];

export interface ConsumerCredentials {
  consumer_key: string;
  /** Shown once: only its hash is stored. */
  consumer_secret: string;
}

export interface CreateApplicationInput {
  name: string;
  description?: string;
  /** Services to subscribe to: "all" or a list of slugs. */
  subscribe?: string | string[];
  /** Tier for the application and its new subscriptions (default Unlimited). */
  tier?: string;
  passwordGrant?: boolean;
  accessTokenTtlSeconds?: number;
}

export interface CreatedApplication {
  application: ApplicationRow;
  subscriptions: string[];
  production: ConsumerCredentials;
  sandbox: ConsumerCredentials;
}

async function requireTier(db: Executor, name: string): Promise<string> {
  const tier = await findTier(db, name);
  if (!tier) throw new AppError(IdentityErrors.IDENTITY_UNKNOWN_TIER, `no throttling tier is called "${name}"`);
  return tier.name;
}

export async function requireApplication(db: Executor, applicationId: string): Promise<ApplicationRow> {
  const application = await findApplication(db, applicationId.trim());
  if (!application) throw new AppError(IdentityErrors.IDENTITY_APPLICATION_NOT_FOUND, `no application has the id "${applicationId}"`);
  return application;
}

function newKey(
  ctx: ServiceContext,
  applicationId: string,
  environment: Environment,
  now: string,
): { row: ApplicationKeyRow; credentials: ConsumerCredentials } {
  const secret = generateSecret('cs');
  const row: ApplicationKeyRow = {
    id: ctx.ids.id('applicationKey'),
    application_id: applicationId,
    environment,
    consumer_key: ctx.ids.consumerKey(),
    secret_hash: hashSecret(secret),
    previous_secret_hash: null,
    previous_secret_expires_at: null,
    created_at: now,
    rotated_at: null,
  };
  return { row, credentials: { consumer_key: row.consumer_key, consumer_secret: secret } };
}

export async function createApplication(ctx: ServiceContext, accountCode: string, input: CreateApplicationInput, actor: Actor): Promise<CreatedApplication> {
  const name = validateName(input.name, 'the application name');
  const services = parseServices(input.subscribe ?? []);
  const ttl = validateTokenTtl(input.accessTokenTtlSeconds ?? 3600);
  const now = ctx.clock.now().toISOString();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const account = await requireAccount(trx, accountCode);
      const tier = await requireTier(trx, input.tier ?? 'Unlimited');
      const application: ApplicationRow = {
        id: ctx.ids.id('application'),
        account_id: account.id,
        name,
        description: input.description ?? null,
        throttling_tier: tier,
        password_grant_enabled: input.passwordGrant === false ? 0 : 1,
        access_token_ttl_seconds: ttl,
        status: 'active',
        created_at: now,
        updated_at: now,
      };
      await insertApplication(trx, application);
      const production = newKey(ctx, application.id, 'production', now);
      const sandbox = newKey(ctx, application.id, 'sandbox', now);
      await insertKey(trx, production.row);
      await insertKey(trx, sandbox.row);
      for (const service of services) {
        await upsertSubscription(trx, {
          id: ctx.ids.id('subscription'),
          application_id: application.id,
          service,
          throttling_tier: tier,
          status: 'active',
          created_at: now,
          updated_at: now,
        });
      }
      await recordAudit(trx, ctx, {
        actor,
        accountId: account.id,
        action: 'application.created',
        targetType: 'application',
        targetId: application.id,
        details: { name, tier, services },
      });
      return { application, subscriptions: services, production: production.credentials, sandbox: sandbox.credentials };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(IdentityErrors.IDENTITY_APPLICATION_NAME_TAKEN, `the account already has an application called "${name}"`);
    throw error;
  }
}

export interface UpdateApplicationInput {
  name?: string;
  description?: string;
  tier?: string;
  passwordGrant?: boolean;
  accessTokenTtlSeconds?: number;
  status?: 'active' | 'disabled';
}

export async function updateApplication(ctx: ServiceContext, applicationId: string, input: UpdateApplicationInput, actor: Actor): Promise<ApplicationRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const application = await requireApplication(trx, applicationId);
    const changes = {
      ...(input.name !== undefined ? { name: validateName(input.name, 'the application name') } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.tier !== undefined ? { throttling_tier: await requireTier(trx, input.tier) } : {}),
      ...(input.passwordGrant !== undefined ? { password_grant_enabled: (input.passwordGrant ? 1 : 0) as 0 | 1 } : {}),
      ...(input.accessTokenTtlSeconds !== undefined ? { access_token_ttl_seconds: validateTokenTtl(input.accessTokenTtlSeconds) } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    };
    await updateApplicationRow(trx, application.id, { ...changes, updated_at: ctx.clock.now().toISOString() });
    await recordAudit(trx, ctx, {
      actor,
      accountId: application.account_id,
      action: 'application.updated',
      targetType: 'application',
      targetId: application.id,
      details: changes,
    });
    return requireApplication(trx, application.id);
  });
}

/**
 * Issues a new consumer secret. The old one keeps working for `overlapSeconds` so a partner can roll its
 * deployments without downtime; 0 ends it at once (a leaked secret).
 */
export async function rotateSecret(
  ctx: ServiceContext,
  applicationId: string,
  environment: Environment,
  overlapSeconds: number,
  actor: Actor,
): Promise<ConsumerCredentials & { previous_secret_expires_at: string | null }> {
  if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > 30 * 86_400) {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_INPUT, 'the overlap must be 0–2592000 seconds');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const application = await requireApplication(trx, applicationId);
    const key = await findKey(trx, application.id, environment);
    if (!key) throw new AppError(IdentityErrors.IDENTITY_APPLICATION_NOT_FOUND, `the application has no ${environment} key`);
    const secret = generateSecret('cs');
    const now = ctx.clock.now();
    const previousExpiresAt = overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000).toISOString() : null;
    await rotateKeySecret(trx, key.id, {
      secret_hash: hashSecret(secret),
      previous_secret_hash: overlapSeconds > 0 ? key.secret_hash : null,
      previous_secret_expires_at: previousExpiresAt,
      rotated_at: now.toISOString(),
    });
    await recordAudit(trx, ctx, {
      actor,
      accountId: application.account_id,
      action: 'application.secret_rotated',
      targetType: 'application',
      targetId: application.id,
      details: { environment, overlap_seconds: overlapSeconds },
    });
    return { consumer_key: key.consumer_key, consumer_secret: secret, previous_secret_expires_at: previousExpiresAt };
  });
}

export async function subscribe(ctx: ServiceContext, applicationId: string, services: string | string[], tierName: string | undefined, actor: Actor) {
  const slugs = parseServices(services);
  return ctx.db.transaction().execute(async (trx) => {
    const application = await requireApplication(trx, applicationId);
    const tier = await requireTier(trx, tierName ?? application.throttling_tier);
    const now = ctx.clock.now().toISOString();
    for (const service of slugs) {
      await upsertSubscription(trx, {
        id: ctx.ids.id('subscription'),
        application_id: application.id,
        service,
        throttling_tier: tier,
        status: 'active',
        created_at: now,
        updated_at: now,
      });
    }
    await recordAudit(trx, ctx, {
      actor,
      accountId: application.account_id,
      action: 'subscription.saved',
      targetType: 'application',
      targetId: application.id,
      details: { services: slugs, tier },
    });
    return listSubscriptions(trx, application.id);
  });
}

export async function unsubscribe(ctx: ServiceContext, applicationId: string, services: string | string[], actor: Actor) {
  const slugs = parseServices(services);
  return ctx.db.transaction().execute(async (trx) => {
    const application = await requireApplication(trx, applicationId);
    for (const service of slugs) await deleteSubscription(trx, application.id, service);
    await recordAudit(trx, ctx, {
      actor,
      accountId: application.account_id,
      action: 'subscription.removed',
      targetType: 'application',
      targetId: application.id,
      details: { services: slugs },
    });
    return listSubscriptions(trx, application.id);
  });
}

export async function describeApplication(ctx: ServiceContext, applicationId: string) {
  const application = await requireApplication(ctx.db, applicationId);
  const [keys, subscriptions] = await Promise.all([listKeys(ctx.db, application.id), listSubscriptions(ctx.db, application.id)]);
  return { application, keys, subscriptions };
}

export async function listAccountApplications(ctx: ServiceContext, accountCode: string) {
  const account = await requireAccount(ctx.db, accountCode);
  return listApplications(ctx.db, account.id);
}

/** Deletes an application with its keys, subscriptions and tokens; its tokens stop working within the token cache TTL. */
export async function deleteApplication(ctx: ServiceContext, applicationId: string, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const application = await requireApplication(trx, applicationId);
    await deleteApplicationRow(trx, application.id);
    await recordAudit(trx, ctx, {
      actor,
      accountId: application.account_id,
      action: 'application.deleted',
      targetType: 'application',
      targetId: application.id,
      details: { name: application.name },
    });
  });
}
