import { findAccountById } from '../../identity/account.repository.ts';
import type { OAuthClient } from '../client-authentication.ts';
import { resolveScope } from '../oauth.policy.ts';
import type { OAuthDeps } from '../token.service.ts';
import { issueTokens, type TokenResponse } from './issue-tokens.ts';

/** RFC 6749 §4.4: an application token. No refresh token (§4.4.3): the client can always ask again. */
export async function clientCredentialsGrant(deps: OAuthDeps, client: OAuthClient, form: Record<string, string>): Promise<TokenResponse> {
  // The account's roles matter only to check a requested scope; "default" needs no read.
  const scope = form.scope?.trim() ? resolveScope(form.scope, (await findAccountById(deps.ctx.db, client.accountId))?.roles ?? []) : 'default';
  return issueTokens(deps.ctx.db, deps.ctx, client, { scope, userId: null, store: deps.tokenWriter.write });
}
