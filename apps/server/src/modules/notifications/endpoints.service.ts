/** Use cases on notification endpoints: register, read, list, update, rotate the signing secret, delete. */
import type { AtlasMode } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';
import type { EndpointFormat, NotificationEndpointTable, OutboundService } from '../../db/tables/notifications.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import { recordAudit } from '../identity/audit.ts';
import { deleteEndpoint, type EndpointChanges, findEndpoint, insertEndpoint, listEndpoints, updateEndpoint } from './endpoints.repository.ts';
import { NotificationErrors } from './notifications.errors.ts';
import { activeSecrets, DEFAULT_ROTATION_OVERLAP_SECONDS, endpointSettingsProblems, OUTBOUND_SERVICES } from './notifications.policy.ts';
import type { SecretBox } from './secret-box.ts';
import { generateSigningSecret } from './signature.ts';
import { checkEndpointUrl, type Resolver } from './ssrf.policy.ts';

export type AuthInput = { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };

/** What endpoint use cases need beyond the service context: the mode (SSRF rules), the secret box, the resolver. */
export interface EndpointDeps {
  mode: AtlasMode;
  box: SecretBox;
  resolve?: Resolver;
}

/** The caller, plus the roles of its token: an endpoint of service S needs S's related role. */
export interface EndpointCaller extends PartnerScope {
  roles: ReadonlySet<string>;
}

export interface CreateEndpointInput {
  service: OutboundService;
  url: string;
  auth?: AuthInput;
  events?: string[];
  format?: EndpointFormat;
}

export interface UpdateEndpointInput {
  url?: string;
  auth?: AuthInput | null;
  events?: string[] | null;
  format?: EndpointFormat;
  enabled?: boolean;
}

// Associated data of each sealed column: a ciphertext only opens in the row and column it was written for.
const authContext = (id: string) => `${id}:auth`;
const signingContext = (id: string) => `${id}:signing_secret`;
const replayContext = (id: string) => `${id}:idempotent-answer`;

export function endpointView(row: NotificationEndpointTable, box: SecretBox) {
  let auth: { type: 'basic'; username: string } | { type: 'bearer' } | null = null;
  if (row.auth_type === 'basic' && row.auth_secret) {
    auth = { type: 'basic', username: (JSON.parse(box.open(row.auth_secret, authContext(row.id))) as { username: string }).username };
  } else if (row.auth_type === 'bearer') {
    auth = { type: 'bearer' };
  }
  return {
    endpoint_id: row.id,
    service: row.service,
    url: row.url,
    auth,
    events: row.event_types === null ? null : (JSON.parse(row.event_types) as string[]),
    format: row.format,
    enabled: row.enabled === 1,
    disabled_reason: row.disabled_reason,
    previous_secret_expires_at: row.previous_secret_expires_at,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export type EndpointView = ReturnType<typeof endpointView>;

function requireRole(caller: EndpointCaller, service: OutboundService): void {
  const { role } = OUTBOUND_SERVICES[service];
  if (!caller.roles.has(role)) {
    throw new AppError(NotificationErrors.NOTIFICATIONS_ROLE_MISSING, `endpoints of ${service} need the ${role} role, which your token does not have`);
  }
}

function checkSettings(service: OutboundService, settings: { events?: string[] | null; format?: EndpointFormat }): void {
  const problems = endpointSettingsProblems(service, settings);
  if (problems.length > 0) {
    throw new AppError(PlatformErrors.VALIDATION_FAILED, problems.map((p) => `${p.pointer} ${p.message}`).join('; '), { errors: problems });
  }
}

async function checkUrl(deps: EndpointDeps, url: string): Promise<void> {
  const refusal = await checkEndpointUrl(url, deps.mode, deps.resolve);
  if (refusal) throw new AppError(NotificationErrors.NOTIFICATIONS_URL_NOT_ALLOWED, `${url} is not allowed: ${refusal.reason}`);
}

function sealAuth(box: SecretBox, id: string, auth: AuthInput | null | undefined): Pick<NotificationEndpointTable, 'auth_type' | 'auth_secret'> {
  if (!auth) return { auth_type: 'none', auth_secret: null };
  const secret = auth.type === 'basic' ? { username: auth.username, password: auth.password } : { token: auth.token };
  return { auth_type: auth.type, auth_secret: box.seal(JSON.stringify(secret), authContext(id)) };
}

async function requireEndpoint(db: Executor, scope: PartnerScope, id: string): Promise<NotificationEndpointTable> {
  const row = await findEndpoint(db, scope, id);
  if (!row) throw new AppError(NotificationErrors.NOTIFICATIONS_ENDPOINT_NOT_FOUND, `no notification endpoint ${id}`);
  return row;
}

/**
 * Registers an endpoint with a new signing secret. The idempotent answer is stored with the secret sealed (the
 * idempotency table keeps answers in clear), and opened again here, so a replay shows the same secret.
 */
export async function createEndpoint(ctx: ServiceContext, deps: EndpointDeps, caller: EndpointCaller, input: CreateEndpointInput, key: string | undefined) {
  requireRole(caller, input.service);
  checkSettings(input.service, input);
  await checkUrl(deps, input.url);
  // The idempotency table keeps a plain hash of the request: the receiver's credentials enter it only as a keyed fingerprint.
  const request = { ...input, auth: input.auth && deps.box.fingerprint(JSON.stringify(input.auth)) };
  const idempotency = { accountId: caller.accountId, environment: caller.environment, operation: 'createNotificationEndpoint', key, request };
  const result = await runIdempotent(ctx, idempotency, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const id = ctx.ids.id('endpoint');
    const secret = generateSigningSecret();
    const row: NotificationEndpointTable = {
      id,
      account_id: caller.accountId,
      environment: caller.environment,
      service: input.service,
      url: input.url,
      ...sealAuth(deps.box, id, input.auth),
      event_types: input.events ? JSON.stringify(input.events) : null,
      format: input.format ?? 'v2',
      enabled: 1,
      signing_secret: deps.box.seal(secret, signingContext(id)),
      previous_signing_secret: null,
      previous_secret_expires_at: null,
      disabled_reason: null,
      failing_since: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertEndpoint(trx, row);
    await recordAudit(trx, ctx, {
      actor: caller.actor,
      accountId: caller.accountId,
      action: 'notification_endpoint.created',
      targetType: 'notification_endpoint',
      targetId: id,
      details: {
        environment: caller.environment,
        service: row.service,
        url: row.url,
        auth_type: row.auth_type,
        events: input.events ?? null,
        format: row.format,
      },
    });
    return { status: 201, body: { ...endpointView(row, deps.box), signing_secret: deps.box.seal(secret, replayContext(id)) } };
  });
  const body = { ...result.body, signing_secret: deps.box.open(result.body.signing_secret, replayContext(result.body.endpoint_id)) };
  return { ...result, body };
}

export async function getEndpoint(ctx: ServiceContext, deps: EndpointDeps, scope: PartnerScope, id: string): Promise<EndpointView> {
  return endpointView(await requireEndpoint(ctx.db, scope, id), deps.box);
}

export async function listEndpointsPage(
  ctx: ServiceContext,
  deps: EndpointDeps,
  scope: PartnerScope,
  query: { page_size?: number; cursor?: string; service?: OutboundService },
) {
  const pageSize = query.page_size ?? 50;
  const [before] = (decodeCursor(query.cursor, 1) ?? []) as string[];
  const rows = await listEndpoints(ctx.db, scope, { before, service: query.service, limit: pageSize + 1 });
  return pageOf(
    rows,
    pageSize,
    (r) => [r.id],
    (r) => endpointView(r, deps.box),
  );
}

async function change(
  ctx: ServiceContext,
  trx: Executor,
  caller: EndpointCaller,
  row: NotificationEndpointTable,
  changes: EndpointChanges,
  audit: { action: string; details: Record<string, unknown> },
): Promise<NotificationEndpointTable> {
  const updated = await updateEndpoint(trx, caller, row.id, row.version, changes, ctx.clock.now().toISOString());
  if (!updated) throw new AppError(NotificationErrors.NOTIFICATIONS_ENDPOINT_CHANGED, `notification endpoint ${row.id} changed meanwhile`);
  await recordAudit(trx, ctx, {
    actor: caller.actor,
    accountId: caller.accountId,
    action: audit.action,
    targetType: 'notification_endpoint',
    targetId: row.id,
    details: { environment: caller.environment, service: row.service, ...audit.details },
  });
  return updated;
}

export async function updateEndpointSettings(ctx: ServiceContext, deps: EndpointDeps, caller: EndpointCaller, id: string, input: UpdateEndpointInput) {
  const current = await requireEndpoint(ctx.db, caller, id);
  requireRole(caller, current.service);
  checkSettings(current.service, input);
  if (input.url !== undefined) await checkUrl(deps, input.url);
  const changes: EndpointChanges = {};
  if (input.url !== undefined) changes.url = input.url;
  if (input.auth !== undefined) Object.assign(changes, sealAuth(deps.box, id, input.auth));
  if (input.events !== undefined) changes.event_types = input.events === null ? null : JSON.stringify(input.events);
  if (input.format !== undefined) changes.format = input.format;
  if (input.enabled !== undefined) {
    changes.enabled = input.enabled ? 1 : 0;
    changes.disabled_reason = input.enabled ? null : 'partner';
  }
  // The audit names what changed, never the credentials themselves.
  const { auth, ...plain } = input;
  const details = { ...plain, ...(auth !== undefined ? { auth_type: auth?.type ?? 'none' } : {}) };
  const row = await ctx.db.transaction().execute(async (trx) => {
    const fresh = await requireEndpoint(trx, caller, id);
    return change(ctx, trx, caller, fresh, changes, { action: 'notification_endpoint.updated', details });
  });
  return endpointView(row, deps.box);
}

/** A new signing secret; the previous one keeps signing (both signatures are sent) for `overlapSeconds`. */
export async function rotateSigningSecret(ctx: ServiceContext, deps: EndpointDeps, caller: EndpointCaller, id: string, overlapSeconds?: number) {
  const overlap = overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS;
  const secret = generateSigningSecret();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await requireEndpoint(trx, caller, id);
    requireRole(caller, current.service);
    const expiresAt = new Date(ctx.clock.now().getTime() + overlap * 1000).toISOString();
    return change(
      ctx,
      trx,
      caller,
      current,
      {
        signing_secret: deps.box.seal(secret, signingContext(id)),
        // Both columns are sealed with the same associated data, so the current ciphertext moves as it is.
        previous_signing_secret: overlap > 0 ? current.signing_secret : null,
        previous_secret_expires_at: overlap > 0 ? expiresAt : null,
      },
      { action: 'notification_endpoint.secret_rotated', details: { overlap_seconds: overlap } },
    );
  });
  return { ...endpointView(row, deps.box), signing_secret: secret };
}

export async function removeEndpoint(ctx: ServiceContext, caller: EndpointCaller, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await requireEndpoint(trx, caller, id);
    requireRole(caller, current.service);
    await deleteEndpoint(trx, caller, id);
    await recordAudit(trx, ctx, {
      actor: caller.actor,
      accountId: caller.accountId,
      action: 'notification_endpoint.deleted',
      targetType: 'notification_endpoint',
      targetId: id,
      details: { environment: caller.environment, service: current.service, url: current.url },
    });
  });
}

/** The secrets that sign a call to this endpoint now (for the dispatcher): the current one, plus the previous one during its overlap. */
export function signingSecretsOf(row: NotificationEndpointTable, box: SecretBox, now: Date): string[] {
  const previous =
    row.previous_signing_secret && row.previous_secret_expires_at ? { secret: row.previous_signing_secret, expiresAt: row.previous_secret_expires_at } : null;
  return activeSecrets(row.signing_secret, previous, now).map((sealed) => box.open(sealed, signingContext(row.id)));
}

/** The `Authorization` header the receiver asked for (HTTP Basic or bearer), or null; for the dispatcher. */
export function receiverAuthorization(row: Pick<NotificationEndpointTable, 'id' | 'auth_type' | 'auth_secret'>, box: SecretBox): string | null {
  if (row.auth_type === 'none' || !row.auth_secret) return null;
  const secret = JSON.parse(box.open(row.auth_secret, authContext(row.id))) as { username?: string; password?: string; token?: string };
  if (row.auth_type === 'basic') return `Basic ${Buffer.from(`${secret.username}:${secret.password}`, 'utf8').toString('base64')}`;
  return `Bearer ${secret.token}`;
}
