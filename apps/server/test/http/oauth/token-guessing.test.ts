import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartner, requestToken, type TestPartner } from '../../factories/partner.ts';
import { basic, createTestApp, DIALECTS, postForm, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('Token API guessing protection on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { tokenFailuresPerIpPerMinute: 3, tokenRequestsPerClientPerMinute: 5 } });
    t.clock.set('2026-03-02T10:00:00.000Z');
    partner = await insertPartner(t);
  });
  afterAll(() => t.close());

  it('blocks an IP after repeated failed client authentications, even with the right secret, until the minute ends', async () => {
    const wrong = { consumer_key: partner.production.consumer_key, consumer_secret: 'cs_guess' };
    const attempt = (credentials: typeof wrong, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/oauth2/token',
        remoteAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(credentials.consumer_key, credentials.consumer_secret) },
        payload: 'grant_type=client_credentials',
      });
    for (let i = 0; i < 3; i++) expect((await attempt(wrong, '198.51.100.20')).statusCode).toBe(401);
    const blocked = await attempt(partner.production, '198.51.100.20');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.json().error).toBe('temporarily_unavailable');
    // Another address is not affected; the blocked one recovers with the next window.
    expect((await attempt(partner.production, '198.51.100.21')).statusCode).toBe(200);
    t.clock.advance(60_000);
    expect((await attempt(partner.production, '198.51.100.20')).statusCode).toBe(200);
  });

  it('counts wrong user passwords against the IP too', async () => {
    t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) {
      const response = await postForm(
        t.app,
        '/oauth2/token',
        { grant_type: 'password', username: partner.username, password: `guess-${i}-xxxxxxxx` },
        { authorization: basic(partner.production.consumer_key, partner.production.consumer_secret) },
      );
      expect(response.statusCode).toBe(400);
    }
    const blocked = await postForm(
      t.app,
      '/oauth2/token',
      { grant_type: 'password', username: partner.username, password: partner.password },
      { authorization: basic(partner.production.consumer_key, partner.production.consumer_secret) },
    );
    expect(blocked.statusCode).toBe(429);
  });

  it('throttles a client that asks for too many tokens a minute', async () => {
    t.clock.advance(60_000);
    const busy = await insertPartner(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await requestToken(t, busy.sandbox, { grant_type: 'client_credentials' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('shows a client only its own tokens in introspection', async () => {
    t.clock.advance(60_000);
    const other = await insertPartner(t);
    const token = (await requestToken(t, partner.sandbox, { grant_type: 'client_credentials' })).json().access_token;
    const foreign = await postForm(t.app, '/oauth2/introspect', { token }, { authorization: basic(other.sandbox.consumer_key, other.sandbox.consumer_secret) });
    expect(foreign.json()).toEqual({ active: false });
    // Revocation by another client is ignored silently: the token stays active.
    await postForm(t.app, '/oauth2/revoke', { token }, { authorization: basic(other.sandbox.consumer_key, other.sandbox.consumer_secret) });
    const own = await postForm(t.app, '/oauth2/introspect', { token }, { authorization: basic(partner.sandbox.consumer_key, partner.sandbox.consumer_secret) });
    expect(own.json()).toMatchObject({ active: true, environment: 'sandbox', scope: 'default' });
    expect(own.headers['cache-control']).toBe('no-store');
  });

  it('refuses an unknown token_type_hint and a revoke without a token', async () => {
    const auth = { authorization: basic(partner.sandbox.consumer_key, partner.sandbox.consumer_secret) };
    expect((await postForm(t.app, '/oauth2/revoke', { token: 'x', token_type_hint: 'id_token' }, auth)).json().error).toBe('unsupported_token_type');
    expect((await postForm(t.app, '/oauth2/revoke', {}, auth)).json().error).toBe('invalid_request');
  });
});
