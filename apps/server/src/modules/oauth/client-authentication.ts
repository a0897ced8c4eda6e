import type { Environment } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { matchesSecretHash } from '../../platform/secrets.ts';
import type { ClientCache, ClientRow } from './client-cache.ts';
import { OAuthErrors } from './oauth.errors.ts';

/** An authenticated OAuth client: one application's key for one environment. */
export interface OAuthClient {
  consumerKey: string;
  environment: Environment;
  applicationId: string;
  accountId: string;
  accountCode: string;
  passwordGrantEnabled: boolean;
  accessTokenTtlSeconds: number;
}

export interface PresentedCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * RFC 6749 §2.3.1: credentials come in HTTP Basic (form-urlencoded id and secret) or in the body, never both.
 * Returns undefined when the request carries none.
 */
export function readClientCredentials(authorization: string | undefined, form: Record<string, string>): PresentedCredentials | undefined {
  const fromBody = form.client_id !== undefined || form.client_secret !== undefined;
  if (authorization?.toLowerCase().startsWith('basic ')) {
    if (fromBody && form.client_secret !== undefined) {
      throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, 'use one client authentication method: HTTP Basic or client_id/client_secret, not both');
    }
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new AppError(OAuthErrors.OAUTH_INVALID_CLIENT, 'malformed HTTP Basic credentials', { headers: basicChallenge() });
    return { clientId: decodeFormComponent(decoded.slice(0, colon)), clientSecret: decodeFormComponent(decoded.slice(colon + 1)) };
  }
  if (!fromBody) return undefined;
  return { clientId: form.client_id ?? '', clientSecret: form.client_secret ?? '' };
}

function decodeFormComponent(part: string): string {
  // Consumer keys and secrets are plain base62/base64url: most credentials have nothing to decode.
  if (!part.includes('%') && !part.includes('+')) return part;
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

export function basicChallenge(): Record<string, string> {
  return { 'WWW-Authenticate': 'Basic realm="atlas", charset="UTF-8"' };
}

function secretMatches(client: ClientRow | undefined, secret: string, now: Date): client is ClientRow {
  return (
    client !== undefined &&
    (matchesSecretHash(secret, client.secret_hash) ||
      (client.previous_secret_hash !== null &&
        client.previous_secret_expires_at !== null &&
        client.previous_secret_expires_at > now.toISOString() &&
        matchesSecretHash(secret, client.previous_secret_hash)))
  );
}

function invalidClient(detail: string): AppError {
  return new AppError(OAuthErrors.OAUTH_INVALID_CLIENT, detail, { headers: basicChallenge() });
}

/** Checks the secret (current, or the previous one during a rotation overlap) in constant time. */
export async function authenticateClient(clients: ClientCache, credentials: PresentedCredentials | undefined, now: Date): Promise<OAuthClient> {
  if (!credentials) throw invalidClient('client authentication is required');
  let client = await clients.find(credentials.clientId, now.getTime());
  // A mismatch may be a secret rotated since the row was cached: read it again before refusing.
  if (!secretMatches(client, credentials.clientSecret, now)) client = await clients.find(credentials.clientId, now.getTime(), { fresh: true });
  if (!secretMatches(client, credentials.clientSecret, now)) throw invalidClient('unknown client or wrong secret');
  if (client.application_status !== 'active' || client.account_status !== 'active') throw invalidClient('the application or its account is disabled');
  return {
    consumerKey: client.consumer_key,
    environment: client.environment,
    applicationId: client.application_id,
    accountId: client.account_id,
    accountCode: client.account_code,
    passwordGrantEnabled: client.password_grant_enabled === 1,
    accessTokenTtlSeconds: client.access_token_ttl_seconds,
  };
}
