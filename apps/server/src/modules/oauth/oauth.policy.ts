import { AppError } from '../../platform/errors.ts';
import { OAuthErrors } from './oauth.errors.ts';

/**
 * Scopes: "default" (every role of the account) or role names, which narrow the token to those roles.
 * Anything else is invalid_scope (RFC 6749 §5.2).
 */
export function resolveScope(requested: string | undefined, accountRoles: readonly string[]): string {
  if (requested === undefined || requested.trim() === '') return 'default';
  const items = [...new Set(requested.trim().split(/ +/))];
  const unknown = items.filter((item) => item !== 'default' && !accountRoles.includes(item));
  if (unknown.length > 0) throw new AppError(OAuthErrors.OAUTH_INVALID_SCOPE, `scope(s) not available to this account: ${unknown.join(' ')}`);
  return items.join(' ');
}

/** A refresh may keep or narrow the original scope, never widen it (RFC 6749 §6). */
export function narrowScope(requested: string | undefined, original: string): string {
  if (requested === undefined || requested.trim() === '') return original;
  const originalItems = original.split(' ');
  const items = [...new Set(requested.trim().split(/ +/))];
  const wider = items.filter((item) => !originalItems.includes(item) && !originalItems.includes('default'));
  if (wider.length > 0) throw new AppError(OAuthErrors.OAUTH_INVALID_SCOPE, `a refresh cannot add scope(s): ${wider.join(' ')}`);
  return items.join(' ');
}

/** The roles a token may use: all of the account's with "default", else only those its scope names. */
export function effectiveRoles(scope: string, accountRoles: readonly string[]): string[] {
  const items = scope.split(' ');
  if (items.includes('default')) return [...accountRoles];
  return accountRoles.filter((role) => items.includes(role));
}

export const SUPPORTED_GRANTS = ['client_credentials', 'password', 'refresh_token'] as const;
