import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { RateCounter } from '../../platform/rate-counter.ts';
import type { RevocationBus } from '../../platform/revocations.ts';
import { presentedAccessToken } from './access-token-format.ts';
import { authenticateClient, type OAuthClient, type PresentedCredentials } from './client-authentication.ts';
import type { ClientCache } from './client-cache.ts';
import { clientCredentialsGrant } from './grants/client-credentials.ts';
import type { TokenResponse } from './grants/issue-tokens.ts';
import { passwordGrant } from './grants/password.ts';
import { refreshTokenGrant } from './grants/refresh-token.ts';
import { OAuthErrors } from './oauth.errors.ts';
import { findAccessToken, findRefreshToken, findTokenPrincipal, revokeAccessToken, revokeFamily } from './token.repository.ts';
import type { AccessTokenWriter } from './token-writer.ts';

export interface OAuthDeps {
  ctx: ServiceContext;
  revocations: RevocationBus;
  counter: RateCounter;
  refreshTokenTtlSeconds: number;
  /** Consumer key → client, cached for the token cache's TTL. */
  clients: ClientCache;
  /** Group commit of application tokens. */
  tokenWriter: AccessTokenWriter;
  limits: { requestsPerClientPerMinute: number; failuresPerIpPerMinute: number };
}

const MINUTE = 60_000;
const PER_CLIENT_WINDOWS = [MINUTE];
const GRANTS = { client_credentials: clientCredentialsGrant, password: passwordGrant, refresh_token: refreshTokenGrant } as const;

function tooManyRequests(resetAt: number, nowMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil((resetAt - nowMs) / 1000));
  return new AppError(OAuthErrors.OAUTH_TOO_MANY_REQUESTS, `try again in ${retryAfter} s`, { headers: { 'Retry-After': String(retryAfter) } });
}

/**
 * The token endpoint as named steps (after node-oidc-provider): refuse IPs that keep failing → authenticate the
 * client (count the failure) → throttle the client → run the grant.
 */
export async function issueToken(
  deps: OAuthDeps,
  request: { ip: string; credentials: PresentedCredentials | undefined; form: Record<string, string> },
): Promise<TokenResponse> {
  const nowMs = deps.ctx.clock.now().getTime();
  const failureKey = `token-failures:${request.ip}`;
  // The in-process counter answers without a promise; awaiting only a real one saves a microtask turn per request.
  const failures = deps.counter.peek(failureKey, MINUTE, nowMs);
  if ((failures instanceof Promise ? await failures : failures) >= deps.limits.failuresPerIpPerMinute) {
    throw tooManyRequests(nowMs - (nowMs % MINUTE) + MINUTE, nowMs);
  }
  let client: OAuthClient;
  try {
    client = await authenticateClient(deps.clients, request.credentials, deps.ctx.clock.now());
  } catch (error) {
    await deps.counter.hit(failureKey, [MINUTE], nowMs);
    throw error;
  }
  const hit = deps.counter.hit(`token-client:${client.consumerKey}`, PER_CLIENT_WINDOWS, nowMs);
  const [perClient] = hit instanceof Promise ? await hit : hit;
  if (perClient && perClient.count > deps.limits.requestsPerClientPerMinute) throw tooManyRequests(perClient.resetAt, nowMs);

  const grantType = request.form.grant_type;
  if (!grantType) throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, 'grant_type is required');
  const grant = GRANTS[grantType as keyof typeof GRANTS];
  if (!grant || !Object.hasOwn(GRANTS, grantType)) {
    throw new AppError(
      OAuthErrors.OAUTH_UNSUPPORTED_GRANT_TYPE,
      `grant_type "${grantType}" is not supported: use client_credentials, password or refresh_token`,
    );
  }
  try {
    return await grant(deps, client, request.form);
  } catch (error) {
    // Wrong passwords count against the IP too: that is where guessing happens.
    if (error instanceof AppError && error.code === OAuthErrors.OAUTH_INVALID_GRANT) await deps.counter.hit(failureKey, [MINUTE], nowMs);
    throw error;
  }
}

function checkHint(hint: string | undefined): void {
  if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token') {
    throw new AppError(OAuthErrors.OAUTH_UNSUPPORTED_TOKEN_TYPE, `token_type_hint "${hint}" is not supported`);
  }
}

/**
 * RFC 7009. Answers 200 whatever the token: unknown tokens and other clients' tokens are ignored silently, so the
 * endpoint reveals nothing. Revoking a refresh token revokes its whole family (§2.1).
 */
export async function revokeToken(deps: OAuthDeps, credentials: PresentedCredentials | undefined, form: Record<string, string>): Promise<void> {
  const { ctx } = deps;
  const client = await authenticateClient(deps.clients, credentials, ctx.clock.now());
  if (!form.token) throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, 'token is required');
  checkHint(form.token_type_hint);
  const presented = presentedAccessToken(form.token);
  const now = ctx.clock.now().toISOString();
  const access = await findAccessToken(ctx.db, presented);
  if (access && access.application_id === client.applicationId) {
    await revokeAccessToken(ctx.db, access.id, now);
    deps.revocations.publish({ tokenHashes: [presented.tokenHash] });
    return;
  }
  const refresh = await findRefreshToken(ctx.db, presented.tokenHash);
  if (refresh && refresh.application_id === client.applicationId) {
    const revoked = await ctx.db.transaction().execute((trx) => revokeFamily(trx, refresh.family_id, now));
    deps.revocations.publish({ tokenHashes: revoked });
  }
}

export type IntrospectionResponse = { active: false } | ({ active: true } & Record<string, string | number | boolean>);

/** RFC 7662. A client sees only its own application's tokens; everything else is `{active:false}`. */
export async function introspectToken(
  deps: OAuthDeps,
  credentials: PresentedCredentials | undefined,
  form: Record<string, string>,
): Promise<IntrospectionResponse> {
  const { ctx } = deps;
  const client = await authenticateClient(deps.clients, credentials, ctx.clock.now());
  if (!form.token) throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, 'token is required');
  checkHint(form.token_type_hint);
  const presented = presentedAccessToken(form.token);
  const now = ctx.clock.now().toISOString();
  const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
  const principal = await findTokenPrincipal(ctx.db, presented);
  if (principal) {
    const active =
      principal.application_id === client.applicationId &&
      principal.revoked_at === null &&
      principal.expires_at > now &&
      principal.application_status === 'active' &&
      principal.account_status === 'active' &&
      (principal.user_id === null || principal.user_status === 'active');
    if (!active) return { active: false };
    return {
      active: true,
      scope: principal.scope,
      client_id: client.consumerKey,
      token_type: 'Bearer',
      exp: seconds(principal.expires_at),
      iat: seconds(principal.issued_at),
      sub: principal.user_id ?? principal.application_id,
      ...(principal.username ? { username: principal.username } : {}),
      account_code: principal.account_code,
      environment: principal.environment,
    };
  }
  const refresh = await findRefreshToken(ctx.db, presented.tokenHash);
  if (!refresh || refresh.application_id !== client.applicationId || refresh.revoked_at !== null || refresh.used_at !== null || refresh.expires_at <= now) {
    return { active: false };
  }
  return {
    active: true,
    scope: refresh.scope,
    client_id: client.consumerKey,
    token_type: 'refresh_token',
    exp: seconds(refresh.expires_at),
    iat: seconds(refresh.issued_at),
    sub: refresh.user_id ?? refresh.application_id,
    account_code: client.accountCode,
    environment: refresh.environment,
  };
}
