import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing, so receivers can verify our calls with the public
 * `standardwebhooks` libraries. A secret is `whsec_` + base64 of the raw HMAC key.
 */
const PREFIX = 'whsec_';

/** A new endpoint signing secret: `whsec_` + base64 of 32 random bytes (256-bit HMAC-SHA256 key). */
export function generateSigningSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('a signing secret starts with whsec_');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

export interface WebhookToSign {
  /** The event id (`evt_…`): stable across retries, so receivers de-duplicate on it. */
  id: string;
  /** When this attempt is sent (receivers refuse stale timestamps, 5 minutes by default). */
  timestamp: Date;
  /** The exact body bytes sent. */
  body: string;
  /** Every active secret: the current one, plus the previous one during a rotation's overlap. */
  secrets: readonly string[];
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** Headers of one call: `webhook-signature` is `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret, space-separated. */
export function signWebhook(message: WebhookToSign): WebhookHeaders {
  if (message.secrets.length === 0) throw new Error('signWebhook needs at least one secret');
  const timestamp = String(Math.floor(message.timestamp.getTime() / 1000));
  const content = `${message.id}.${timestamp}.${message.body}`;
  const signatures = message.secrets.map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(content).digest('base64')}`);
  return { 'webhook-id': message.id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
