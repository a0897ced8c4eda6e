import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('throttling tiers on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Start at the top of a minute so the window arithmetic below is exact.
    t.clock.set('2026-03-02T10:00:00.000Z');
  });
  afterAll(() => t.close());

  it('counts down RateLimit-Remaining, then answers 429 with Retry-After, then resets with the window', async () => {
    const partner = await insertPartner(t, { limits: { perMinute: 3 } });
    const token = await applicationToken(t, partner.production);
    t.clock.advance(15_000);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe('3');
      expect(response.headers['ratelimit-reset']).toBe('45');
      remaining.push(String(response.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('45');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(limited.json()).toMatchObject({ code: 'GATEWAY_RATE_LIMITED', status: 429 });

    t.clock.advance(45_000);
    expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('applies the per-day limit across minutes and reports the window closest to its limit', async () => {
    const partner = await insertPartner(t, { limits: { perMinute: 100, perDay: 2 } });
    const token = await applicationToken(t, partner.production);
    const first = await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) });
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect(first.headers['ratelimit-remaining']).toBe('1');
    t.clock.advance(120_000);
    expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(200);
    const limited = await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3600);
  });

  it('counts each application separately and sends no RateLimit headers on an Unlimited tier', async () => {
    const limited = await insertPartner(t, { limits: { perMinute: 1 } });
    const unlimited = await insertPartner(t, { tier: 'Unlimited' });
    const limitedToken = await applicationToken(t, limited.production);
    const unlimitedToken = await applicationToken(t, unlimited.production);
    await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(limitedToken) });
    expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(limitedToken) })).statusCode).toBe(429);
    const free = await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(unlimitedToken) });
    expect(free.statusCode).toBe(200);
    expect(free.headers['ratelimit-limit']).toBeUndefined();
  });
});
