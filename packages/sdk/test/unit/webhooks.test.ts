import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../../../apps/server/src/modules/notifications/signature.ts';
import { type BookingEvent, verifyWebhook, WebhookVerificationError } from '../../src/webhooks/index.js';

const OLD_SECRET = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const NEW_SECRET = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const event = {
  id: 'evt_1',
  type: 'booking.created',
  occurred_at: '2026-01-01T00:00:00.000Z',
  environment: 'sandbox',
  account_code: 'ACC1',
  version: 1,
  previous_state: null,
  data: { booking_code: 'BK1' },
};
const body = JSON.stringify(event);

/** Headers as the public standardwebhooks library signs them, with one signature per secret. */
function signed(secrets: string[], at: Date = new Date(), payload = body): Record<string, string> {
  return {
    'webhook-id': 'evt_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign('evt_1', at, payload)).join(' '),
  };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).reason;
}

describe('verifyWebhook', () => {
  it('accepts a call signed by the standardwebhooks library and returns the typed payload', async () => {
    const verified = await verifyWebhook<BookingEvent>(signed([NEW_SECRET]), body, NEW_SECRET);
    expect(verified).toEqual(event);
    expect(verified.data.booking_code).toBe('BK1');
  });

  it('accepts the Atlas server’s own signatures (Fetch Headers, bytes body) — and the library accepts them too', async () => {
    const headers = signWebhook({ id: 'evt_1', timestamp: new Date(), body, secrets: [NEW_SECRET] });
    await expect(verifyWebhook(new Headers({ ...headers }), new TextEncoder().encode(body), NEW_SECRET)).resolves.toEqual(event);
    expect(new Webhook(NEW_SECRET).verify(body, { ...headers })).toEqual(event);
  });

  it('during a rotation accepts a call signed with both secrets, whichever one the receiver holds, or both', async () => {
    const headers = signed([NEW_SECRET, OLD_SECRET]);
    await expect(verifyWebhook(headers, body, OLD_SECRET)).resolves.toEqual(event);
    await expect(verifyWebhook(headers, body, NEW_SECRET)).resolves.toEqual(event);
    await expect(verifyWebhook(headers, body, [OTHER_SECRET, NEW_SECRET])).resolves.toEqual(event);
    // After the overlap Atlas signs with the new secret only: a receiver holding both still verifies.
    await expect(verifyWebhook(signed([NEW_SECRET]), body, [OLD_SECRET, NEW_SECRET])).resolves.toEqual(event);
    expect(await failure(verifyWebhook(signed([NEW_SECRET]), body, OLD_SECRET))).toBe('no_matching_signature');
  });

  it('rejects a tampered body, a wrong id, and an unknown secret', async () => {
    expect(await failure(verifyWebhook(signed([NEW_SECRET]), body.replace('BK1', 'BK2'), NEW_SECRET))).toBe('no_matching_signature');
    expect(await failure(verifyWebhook({ ...signed([NEW_SECRET]), 'webhook-id': 'evt_2' }, body, NEW_SECRET))).toBe('no_matching_signature');
    expect(await failure(verifyWebhook(signed([NEW_SECRET]), body, OTHER_SECRET))).toBe('no_matching_signature');
    expect(await failure(verifyWebhook({ ...signed([NEW_SECRET]), 'webhook-signature': 'v1,@@@ v2,abc' }, body, NEW_SECRET))).toBe('no_matching_signature');
  });

  it('rejects timestamps older or further in the future than the tolerance (5 minutes by default), as the library does', async () => {
    const now = Date.now();
    const old = signed([NEW_SECRET], new Date(now - 6 * 60_000));
    expect(await failure(verifyWebhook(old, body, NEW_SECRET))).toBe('timestamp_too_old');
    expect(() => new Webhook(NEW_SECRET).verify(body, old)).toThrow();
    const future = signed([NEW_SECRET], new Date(now + 6 * 60_000));
    expect(await failure(verifyWebhook(future, body, NEW_SECRET))).toBe('timestamp_in_future');
    expect(() => new Webhook(NEW_SECRET).verify(body, future)).toThrow();
    await expect(verifyWebhook(signed([NEW_SECRET], new Date(now - 4 * 60_000)), body, NEW_SECRET)).resolves.toEqual(event);
    await expect(verifyWebhook(old, body, NEW_SECRET, { toleranceSeconds: 600 })).resolves.toEqual(event);
  });

  it('rejects missing headers and a malformed timestamp', async () => {
    const { 'webhook-signature': _, ...unsigned } = signed([NEW_SECRET]);
    expect(await failure(verifyWebhook(unsigned, body, NEW_SECRET))).toBe('missing_headers');
    expect(await failure(verifyWebhook({ ...signed([NEW_SECRET]), 'webhook-timestamp': 'yesterday' }, body, NEW_SECRET))).toBe('invalid_timestamp');
  });

  it('reads headers case-insensitively from a Node IncomingHttpHeaders-like object', async () => {
    const headers = Object.fromEntries(Object.entries(signed([NEW_SECRET])).map(([k, v]) => [k.toUpperCase(), v]));
    await expect(verifyWebhook(headers, body, NEW_SECRET)).resolves.toEqual(event);
  });
});
