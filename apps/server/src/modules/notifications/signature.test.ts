import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSigningSecret, signWebhook } from './signature.ts';

const body = JSON.stringify({ id: 'evt_01', type: 'booking.created', data: { booking_code: 'B-1' } });

describe('Standard Webhooks signatures', () => {
  it('produce headers the public standardwebhooks library verifies', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signWebhook({ id: 'evt_01', timestamp: new Date(), body, secrets: [secret] });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('match the library’s own signature for the same id, timestamp and body', () => {
    const secret = generateSigningSecret();
    const timestamp = new Date('2026-11-28T00:00:00Z');
    const headers = signWebhook({ id: 'evt_02', timestamp, body, secrets: [secret] });
    expect(headers['webhook-timestamp']).toBe('1795824000');
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('evt_02', timestamp, body));
  });

  it('sign with both secrets during a rotation, so a receiver holding either one verifies', () => {
    const [previous, current] = [generateSigningSecret(), generateSigningSecret()];
    const headers = signWebhook({ id: 'evt_03', timestamp: new Date(), body, secrets: [current, previous] });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateSigningSecret()).verify(body, { ...headers })).toThrow();
  });

  it('no longer verify once the body is altered', () => {
    const secret = generateSigningSecret();
    const headers = signWebhook({ id: 'evt_04', timestamp: new Date(), body, secrets: [secret] });
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
  });
});
