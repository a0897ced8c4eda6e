import { AppError } from '../../../platform/errors.ts';
import { hashSecret } from '../../../platform/secrets.ts';
import type { OAuthClient } from '../client-authentication.ts';
import { OAuthErrors } from '../oauth.errors.ts';
import { narrowScope } from '../oauth.policy.ts';
import { claimRefreshToken, findRefreshToken, revokeFamily } from '../token.repository.ts';
import type { OAuthDeps } from '../token.service.ts';
import { issueTokens, type TokenResponse } from './issue-tokens.ts';

/**
 * RFC 6749 §6 with rotation: each refresh token works once and is replaced. A second use means it leaked
 * (OAuth 2.0 Security BCP §4.14): the whole family — every token issued from the same grant — is revoked.
 */
export async function refreshTokenGrant(deps: OAuthDeps, client: OAuthClient, form: Record<string, string>): Promise<TokenResponse> {
  if (!form.refresh_token) throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, 'the refresh_token grant needs refresh_token');
  const { ctx } = deps;
  const stored = await findRefreshToken(ctx.db, hashSecret(form.refresh_token));
  const now = ctx.clock.now().toISOString();
  const invalid = () => new AppError(OAuthErrors.OAUTH_INVALID_GRANT, 'the refresh token is invalid, expired or revoked');
  if (!stored || stored.application_id !== client.applicationId || stored.environment !== client.environment) throw invalid();
  if (stored.revoked_at !== null || stored.expires_at <= now) throw invalid();
  const scope = narrowScope(form.scope, stored.scope);
  const issued = await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimRefreshToken(trx, stored.id, now))) return undefined;
    return issueTokens(trx, ctx, client, { scope, userId: stored.user_id, refresh: { familyId: stored.family_id, ttlSeconds: deps.refreshTokenTtlSeconds } });
  });
  if (issued) return issued;
  const revokedHashes = await ctx.db.transaction().execute((trx) => revokeFamily(trx, stored.family_id, now));
  deps.revocations.publish({ tokenHashes: revokedHashes });
  throw new AppError(OAuthErrors.OAUTH_INVALID_GRANT, 'the refresh token was already used: every token issued from it has been revoked');
}
