/**
 * Standard Webhooks verification (https://www.standardwebhooks.com) with WebCrypto only, so it runs in Node 20+,
 * browsers, Deno and edge runtimes alike. Signatures are checked with `crypto.subtle.verify`, which compares in
 * constant time.
 */
import type { AtlasWebhookEvent } from './events.js';

const SECRET_PREFIX = 'whsec_';

export type WebhookFailure =
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'no_matching_signature'
  | 'invalid_secret'
  | 'invalid_body';

/** The call is not a genuine, fresh Atlas webhook: answer it with 400/401 and do not act on it. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Request headers as a Fetch `Headers`, or a plain object as Node's `IncomingHttpHeaders` (any case). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far (seconds) the timestamp may be from now, either way (default 300, as the Standard Webhooks libraries). */
  toleranceSeconds?: number;
  /** The current time in ms (tests). */
  now?: number;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function keyBytes(secret: string): Uint8Array<ArrayBuffer> {
  try {
    return base64ToBytes(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  } catch {
    throw new WebhookVerificationError('invalid_secret', 'the signing secret is not whsec_ + base64');
  }
}

function bodyText(body: string | Uint8Array | ArrayBuffer): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

/**
 * Verifies a webhook call and returns its parsed payload. `body` must be the raw body exactly as received (do not
 * re-serialise parsed JSON). Pass every secret that may sign: during a rotation Atlas signs with the new and the
 * previous secret, and either one verifies. Rejects (WebhookVerificationError) when a header is missing, the
 * timestamp is outside the tolerance (replays), or no signature matches any secret.
 */
export async function verifyWebhook<E = AtlasWebhookEvent>(
  headers: WebhookHeaders,
  body: string | Uint8Array | ArrayBuffer,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<E> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError('missing_headers', 'webhook-id, webhook-timestamp and webhook-signature are required');
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not a Unix time in seconds');

  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const sent = Number(timestamp);
  if (sent < now - tolerance) throw new WebhookVerificationError('timestamp_too_old', `webhook-timestamp is more than ${tolerance} s old`);
  if (sent > now + tolerance) throw new WebhookVerificationError('timestamp_in_future', `webhook-timestamp is more than ${tolerance} s in the future`);

  const text = bodyText(body);
  const signed = new TextEncoder().encode(`${id}.${timestamp}.${text}`);
  const candidates = signatures
    .split(' ')
    .map((part) => part.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .flatMap(([, value]) => {
      try {
        return [base64ToBytes(value as string)];
      } catch {
        return [];
      }
    });
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0) throw new WebhookVerificationError('invalid_secret', 'no signing secret given');
  let matched = false;
  for (const s of secrets) {
    const key = await crypto.subtle.importKey('raw', keyBytes(s), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    for (const candidate of candidates) {
      // Every pair is checked (no early exit), so timing does not reveal which secret or signature matched.
      if (await crypto.subtle.verify('HMAC', key, candidate, signed)) matched = true;
    }
  }
  if (!matched) throw new WebhookVerificationError('no_matching_signature', 'no webhook-signature matches the signing secret(s)');
  try {
    return JSON.parse(text) as E;
  } catch {
    throw new WebhookVerificationError('invalid_body', 'the body is not JSON');
  }
}
