import { describe, expect, it } from 'vitest';
import {
  AUTO_DISABLE_AFTER_MS,
  decideAfterAttempt,
  endpointWantsEvent,
  excerpt,
  MAX_ATTEMPTS,
  parseRetryAfter,
  RETRY_SCHEDULE_MS,
  retryDelayMs,
  shouldAutoDisable,
  testEventType,
} from './delivery.policy.ts';

const now = new Date('2026-01-05T09:00:00.000Z');

describe('retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 27 h), then gives up after 8 attempts', () => {
    expect(RETRY_SCHEDULE_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(8, () => 0.5)).toBeNull();
  });

  it('spreads retries by up to ±10 %', () => {
    expect(retryDelayMs(2, () => 0)).toBe(270_000);
    expect(retryDelayMs(2, () => 1)).toBe(330_000);
  });
});

describe('what an answer means', () => {
  it('2xx is delivered, 410 is gone, anything else (redirects included) is retried', () => {
    expect(decideAfterAttempt({ statusCode: 204 }, 1, now).outcome).toBe('delivered');
    expect(decideAfterAttempt({ statusCode: 410 }, 1, now).outcome).toBe('gone');
    for (const code of [301, 400, 500, null]) {
      expect(decideAfterAttempt({ statusCode: code }, 1, now, () => 0.5)).toEqual({ outcome: 'retry', nextAttemptAt: new Date(now.getTime() + 5_000) });
    }
  });

  it('puts the delivery in the error queue after the last attempt, and at once when the event cannot be rendered', () => {
    expect(decideAfterAttempt({ statusCode: 500 }, MAX_ATTEMPTS, now).outcome).toBe('failed');
    expect(decideAfterAttempt({ statusCode: null, permanent: true }, 1, now).outcome).toBe('failed');
  });

  it('honours Retry-After (seconds or a date) on 429 and 503 only, capped at 10 h', () => {
    expect(decideAfterAttempt({ statusCode: 429, retryAfter: '90' }, 1, now).nextAttemptAt).toEqual(new Date(now.getTime() + 90_000));
    expect(decideAfterAttempt({ statusCode: 503, retryAfter: 'Mon, 05 Jan 2026 09:10:00 GMT' }, 1, now).nextAttemptAt).toEqual(
      new Date('2026-01-05T09:10:00.000Z'),
    );
    expect(decideAfterAttempt({ statusCode: 500, retryAfter: '90' }, 1, now, () => 0.5).nextAttemptAt).toEqual(new Date(now.getTime() + 5_000));
    expect(parseRetryAfter('999999', now)).toBe(10 * 3_600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('endpoint matching', () => {
  const event = { type: 'booking.checked_in', data: { change_reason: null } };
  it('applies the event filter, and sends no event without a PSI change reason to psi-v1', () => {
    expect(endpointWantsEvent({ format: 'v2', event_types: null }, event)).toBe(true);
    expect(endpointWantsEvent({ format: 'v2', event_types: '["booking.created"]' }, event)).toBe(false);
    expect(endpointWantsEvent({ format: 'psi-v1', event_types: null }, event)).toBe(false);
    expect(endpointWantsEvent({ format: 'psi-v1', event_types: null }, { type: 'booking.created', data: { change_reason: 'BOOKING_CREATED' } })).toBe(true);
  });
});

describe('endpoint health and details', () => {
  it('disables an endpoint only after five days of continuous failure', () => {
    expect(shouldAutoDisable(null, now)).toBe(false);
    expect(shouldAutoDisable(new Date(now.getTime() - AUTO_DISABLE_AFTER_MS + 1).toISOString(), now)).toBe(false);
    expect(shouldAutoDisable(new Date(now.getTime() - AUTO_DISABLE_AFTER_MS).toISOString(), now)).toBe(true);
  });

  it('names test events after the service prefix', () => {
    expect(testEventType(['booking.created'])).toBe('booking.test');
    expect(testEventType(['test_center.updated'])).toBe('test_center.test');
  });

  it('keeps at most 1 KiB of an answer, cut on a character boundary', () => {
    expect(excerpt(Buffer.from('é'.repeat(600))).length).toBe(512);
    expect(excerpt(Buffer.from('ok'))).toBe('ok');
  });
});
