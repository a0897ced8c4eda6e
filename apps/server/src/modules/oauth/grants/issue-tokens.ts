import type { Executor } from '../../../db/executor.ts';
import type { AccessTokenRow } from '../../../db/schema.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { generateSecret, hashSecret } from '../../../platform/secrets.ts';
import { newAccessToken } from '../access-token-format.ts';
import type { OAuthClient } from '../client-authentication.ts';
import { insertAccessToken, insertRefreshToken } from '../token.repository.ts';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

export interface IssueOptions {
  scope: string;
  userId: string | null;
  /** Set for user tokens: the access token joins this refresh family and a new refresh token is issued. */
  refresh?: { familyId: string; ttlSeconds: number };
  /** Writes the access token row (default: an INSERT on `db`; application tokens go through the group-commit writer). */
  store?: (row: AccessTokenRow) => Promise<void>;
}

/** Stores only hashes; the plain tokens exist once, in the response. */
export async function issueTokens(db: Executor, ctx: ServiceContext, client: OAuthClient, options: IssueOptions): Promise<TokenResponse> {
  const now = ctx.clock.now();
  const id = ctx.ids.id('accessToken');
  const accessToken = newAccessToken(id);
  const row: AccessTokenRow = {
    id,
    token_hash: hashSecret(accessToken),
    application_id: client.applicationId,
    environment: client.environment,
    user_id: options.userId,
    family_id: options.refresh?.familyId ?? null,
    scope: options.scope,
    issued_at: now.toISOString(),
    expires_at: new Date(now.getTime() + client.accessTokenTtlSeconds * 1000).toISOString(),
    revoked_at: null,
    found_by_hash: 0,
  };
  await (options.store ? options.store(row) : insertAccessToken(db, row));
  const response: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: client.accessTokenTtlSeconds, scope: options.scope };
  if (options.refresh) {
    const refreshToken = generateSecret('rtk');
    await insertRefreshToken(db, {
      id: ctx.ids.id('refreshToken'),
      token_hash: hashSecret(refreshToken),
      family_id: options.refresh.familyId,
      application_id: client.applicationId,
      environment: client.environment,
      user_id: options.userId,
      scope: options.scope,
      issued_at: now.toISOString(),
      expires_at: new Date(now.getTime() + options.refresh.ttlSeconds * 1000).toISOString(),
      used_at: null,
      revoked_at: null,
    });
    response.refresh_token = refreshToken;
  }
  return response;
}
