import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetUserPassword } from '../../../src/modules/identity/account.service.ts';
import { rotateSecret, updateApplication } from '../../../src/modules/identity/application.service.ts';
import { applicationToken, insertPartner, requestToken, type TestPartner, userTokens } from '../../factories/partner.ts';
import { basic, bearer, createTestApp, DIALECTS, postForm, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('Token API on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    partner = await insertPartner(t);
  });
  afterAll(() => t.close());

  describe('client_credentials', () => {
    it('issues an opaque Bearer token with no-store caching and no refresh token', async () => {
      const response = await requestToken(t, partner.production, { grant_type: 'client_credentials' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.pragma).toBe('no-cache');
      const body = response.json();
      expect(body).toEqual({
        access_token: expect.stringMatching(/^atk_[0-9a-z]{26}\.[A-Za-z0-9_-]{43}$/),
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'default',
      });
      expect(body.refresh_token).toBeUndefined();
    });

    it('accepts client_id and client_secret in the form instead of HTTP Basic', async () => {
      const response = await postForm(t.app, '/oauth2/token', {
        grant_type: 'client_credentials',
        client_id: partner.sandbox.consumer_key,
        client_secret: partner.sandbox.consumer_secret,
      });
      expect(response.statusCode).toBe(200);
    });

    it('decodes form-urlencoded HTTP Basic credentials (RFC 6749 §2.3.1), and refuses them once decoding changes the secret', async () => {
      const encodeAll = (value: string) => [...value].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
      const { consumer_key: key, consumer_secret: secret } = partner.sandbox;
      const header = (id: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}` });
      const encoded = await postForm(t.app, '/oauth2/token', { grant_type: 'client_credentials' }, header(encodeAll(key), encodeAll(secret)));
      expect(encoded.statusCode).toBe(200);
      const plain = await postForm(t.app, '/oauth2/token', { grant_type: 'client_credentials' }, header(key, secret));
      expect(plain.statusCode).toBe(200);
      // "+" is a form-encoded space: the secret presented is "<secret> ", not the secret.
      const plus = await postForm(t.app, '/oauth2/token', { grant_type: 'client_credentials' }, header(key, `${secret}+`));
      expect(plus.statusCode).toBe(401);
    });

    it('answers on the /token alias too', async () => {
      const response = await postForm(
        t.app,
        '/token',
        { grant_type: 'client_credentials' },
        { authorization: basic(partner.production.consumer_key, partner.production.consumer_secret) },
      );
      expect(response.statusCode).toBe(200);
    });

    it('stores only a hash of the token', async () => {
      const token = await applicationToken(t, partner.production);
      const rows = await t.database.db.selectFrom('access_token').select('token_hash').execute();
      expect(rows.some((row) => row.token_hash === token)).toBe(false);
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
    });

    it('narrows the token to the roles named in scope and refuses roles the account lacks', async () => {
      const narrow = await requestToken(t, partner.production, { grant_type: 'client_credentials', scope: 'psiBooking' });
      expect(narrow.json().scope).toBe('psiBooking');
      const limited = await insertPartner(t, { roles: 'psiEligibility' });
      const refused = await requestToken(t, limited.production, { grant_type: 'client_credentials', scope: 'psiBooking' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toBe('invalid_scope');
    });
  });

  describe('password grant', () => {
    it('issues a user token and a refresh token for a user of the same account', async () => {
      const tokens = await userTokens(t, partner);
      expect(tokens.refresh_token).toMatch(/^rtk_/);
      const whoami = await t.app.inject({ url: '/getting-started/v2/whoami', headers: bearer(tokens.access_token) });
      expect(whoami.json().user).toBe(partner.username);
    });

    it('refuses a wrong password and a user of another account alike', async () => {
      const other = await insertPartner(t);
      for (const form of [
        { username: partner.username, password: 'wrong password here' },
        { username: other.username, password: other.password },
      ]) {
        const response = await requestToken(t, partner.production, { grant_type: 'password', ...form });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid username or password' });
      }
    });

    it('refuses a one-time password until the user sets a permanent one', async () => {
      const fresh = await insertPartner(t);
      const oneTime = await resetUserPassword(t.ctx, fresh.accountCode, fresh.username, 'coordinator:test');
      const response = await requestToken(t, fresh.production, { grant_type: 'password', username: fresh.username, password: oneTime });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid_grant');
      expect(response.json().error_description).toMatch(/one-time password/);
    });

    it('is refused as unauthorized_client when the application switched it off', async () => {
      const noPassword = await insertPartner(t, { passwordGrant: false });
      const response = await requestToken(t, noPassword.production, { grant_type: 'password', username: noPassword.username, password: noPassword.password });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('unauthorized_client');
    });
  });

  describe('refresh_token grant', () => {
    it('rotates: a refresh token works once, and its reuse revokes every token of the family', async () => {
      const first = await userTokens(t, partner);
      const refreshed = await requestToken(t, partner.production, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
      expect(refreshed.statusCode).toBe(200);
      const second = refreshed.json();
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(second.access_token) })).statusCode).toBe(200);

      const reuse = await requestToken(t, partner.production, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
      expect(reuse.statusCode).toBe(400);
      expect(reuse.json().error).toBe('invalid_grant');
      // The tokens issued from the reused one die at once, access and refresh alike.
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(second.access_token) })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(first.access_token) })).statusCode).toBe(401);
      const again = await requestToken(t, partner.production, { grant_type: 'refresh_token', refresh_token: second.refresh_token });
      expect(again.json().error).toBe('invalid_grant');
    });

    it('lets only one of two concurrent refreshes with the same token win', async () => {
      const tokens = await userTokens(t, partner);
      const results = await Promise.all(
        [0, 1].map(() => requestToken(t, partner.production, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    });

    it('refuses a refresh token presented by another application', async () => {
      const tokens = await userTokens(t, partner);
      const other = await insertPartner(t);
      const response = await requestToken(t, other.production, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
      expect(response.json().error).toBe('invalid_grant');
    });

    it('refuses an expired refresh token', async () => {
      const tokens = await userTokens(t, partner);
      t.clock.advance(t.config.refreshTokenTtlSeconds * 1000 + 1);
      const response = await requestToken(t, partner.production, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
      expect(response.json().error).toBe('invalid_grant');
    });
  });

  describe('client authentication and request errors (RFC 6749 §5.2)', () => {
    it('answers invalid_client with 401 and a Basic challenge for a wrong secret', async () => {
      const response = await requestToken(
        t,
        { consumer_key: partner.production.consumer_key, consumer_secret: 'cs_wrong' },
        { grant_type: 'client_credentials' },
      );
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic /);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json().error).toBe('invalid_client');
    });

    it('answers invalid_client when no credentials are sent', async () => {
      const response = await postForm(t.app, '/oauth2/token', { grant_type: 'client_credentials' });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toBe('invalid_client');
    });

    it('refuses two client authentication methods in one request', async () => {
      const response = await postForm(
        t.app,
        '/oauth2/token',
        { grant_type: 'client_credentials', client_id: partner.production.consumer_key, client_secret: partner.production.consumer_secret },
        { authorization: basic(partner.production.consumer_key, partner.production.consumer_secret) },
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid_request');
    });

    it('answers unsupported_grant_type for an unknown grant and invalid_request without one', async () => {
      const unknown = await requestToken(t, partner.production, { grant_type: 'authorization_code' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toBe('unsupported_grant_type');
      const missing = await requestToken(t, partner.production, {});
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error).toBe('invalid_request');
    });

    it('refuses a parameter sent twice', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/oauth2/token',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: basic(partner.production.consumer_key, partner.production.consumer_secret),
        },
        payload: 'grant_type=client_credentials&grant_type=password',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid_request');
    });

    it('refuses a JSON body as invalid_request', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/oauth2/token',
        headers: { 'content-type': 'application/json', authorization: basic(partner.production.consumer_key, partner.production.consumer_secret) },
        payload: { grant_type: 'client_credentials' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid_request');
    });

    it('keeps the previous secret working during a rotation overlap only', async () => {
      const rotating = await insertPartner(t);
      const rotated = await rotateSecret(t.ctx, rotating.applicationId, 'production', 3600, 'coordinator:test');
      expect((await requestToken(t, rotating.production, { grant_type: 'client_credentials' })).statusCode).toBe(200);
      expect(
        (await requestToken(t, { consumer_key: rotated.consumer_key, consumer_secret: rotated.consumer_secret }, { grant_type: 'client_credentials' }))
          .statusCode,
      ).toBe(200);
      t.clock.advance(3601 * 1000);
      expect((await requestToken(t, rotating.production, { grant_type: 'client_credentials' })).statusCode).toBe(401);
    });
  });
});

describe('client authentication cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('accepts a freshly rotated secret at once and drops the old one within the cache TTL', async () => {
    const partner = await insertPartner(t);
    expect((await requestToken(t, partner.production, { grant_type: 'client_credentials' })).statusCode).toBe(200);
    const rotated = await rotateSecret(t.ctx, partner.applicationId, 'production', 0, 'coordinator:test');
    expect(
      (await requestToken(t, { consumer_key: rotated.consumer_key, consumer_secret: rotated.consumer_secret }, { grant_type: 'client_credentials' }))
        .statusCode,
    ).toBe(200);
    // The re-read on the new secret refreshed the cached row: the old secret is refused already.
    expect((await requestToken(t, partner.production, { grant_type: 'client_credentials' })).statusCode).toBe(401);
  });

  it('stops a disabled application within the TTL', async () => {
    const partner = await insertPartner(t);
    expect((await requestToken(t, partner.sandbox, { grant_type: 'client_credentials' })).statusCode).toBe(200);
    await updateApplication(t.ctx, partner.applicationId, { status: 'disabled' }, 'coordinator:test');
    t.clock.advance(t.config.tokenCacheTtlMs);
    expect((await requestToken(t, partner.sandbox, { grant_type: 'client_credentials' })).statusCode).toBe(401);
  });
});
