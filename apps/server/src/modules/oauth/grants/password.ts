import { AppError } from '../../../platform/errors.ts';
import { verifyPassword } from '../../../platform/secrets.ts';
import { findAccountById, findUser } from '../../identity/account.repository.ts';
import type { OAuthClient } from '../client-authentication.ts';
import { OAuthErrors } from '../oauth.errors.ts';
import { resolveScope } from '../oauth.policy.ts';
import type { OAuthDeps } from '../token.service.ts';
import { issueTokens, type TokenResponse } from './issue-tokens.ts';

// Verified against when the username is unknown, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** RFC 6749 §4.3: a user token for an API Store user of the application's own account, with a refresh token. */
export async function passwordGrant(deps: OAuthDeps, client: OAuthClient, form: Record<string, string>): Promise<TokenResponse> {
  if (!client.passwordGrantEnabled) throw new AppError(OAuthErrors.OAUTH_UNAUTHORIZED_CLIENT, 'the password grant is switched off for this application');
  const { username, password } = form;
  if (!username || !password) throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, 'the password grant needs username and password');
  const user = await findUser(deps.ctx.db, client.accountId, username.trim().toLowerCase());
  const passwordMatches = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !passwordMatches || user.status !== 'active') throw new AppError(OAuthErrors.OAUTH_INVALID_GRANT, 'invalid username or password');
  if (user.must_change_password === 1) {
    throw new AppError(OAuthErrors.OAUTH_INVALID_GRANT, 'this is a one-time password: sign in to the API Store and choose a permanent password first');
  }
  const account = await findAccountById(deps.ctx.db, client.accountId);
  const scope = resolveScope(form.scope, account?.roles ?? []);
  const familyId = deps.ctx.ids.id('tokenFamily');
  return deps.ctx.db
    .transaction()
    .execute((trx) => issueTokens(trx, deps.ctx, client, { scope, userId: user.id, refresh: { familyId, ttlSeconds: deps.refreshTokenTtlSeconds } }));
}
