import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient, gettingStartedV2, OAuthError } from '../../src/index.js';
import { form, StubServer, tokenAnswer } from '../support/stub-server.ts';

const PING = '/getting-started/v2/ping';
const pong = { body: { status: 'ok', service: 'getting-started' } };

describe('token handling', () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await new StubServer().start();
  });
  afterAll(() => stub.stop());

  const clientCredentials = () =>
    new AtlasClient({ baseUrl: stub.origin, auth: { grant: 'client_credentials', clientId: 'key 1', clientSecret: 's:ecret' }, retry: { maxRetries: 0 } });

  it('gets a client_credentials token with HTTP Basic (form-encoded id and secret) and sends it as Bearer', async () => {
    stub.reset((r) => (r.path === '/oauth2/token' ? tokenAnswer('atk_1') : pong));
    await expect(gettingStartedV2(clientCredentials()).ping()).resolves.toEqual({ status: 'ok', service: 'getting-started' });
    const [token, ping] = stub.requests;
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from('key%201:s%3Aecret').toString('base64')}`);
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form(token?.body ?? '')).toEqual({ grant_type: 'client_credentials' });
    expect(ping?.headers.authorization).toBe('Bearer atk_1');
  });

  it('asks for ONE token when many calls start at once, and all of them use it', async () => {
    stub.reset((r) => (r.path === '/oauth2/token' ? { ...tokenAnswer('atk_shared'), delayMs: 100 } : pong));
    const api = gettingStartedV2(clientCredentials());
    await Promise.all(Array.from({ length: 20 }, () => api.ping()));
    expect(stub.requestsTo('/oauth2/token')).toHaveLength(1);
    expect(stub.requestsTo(PING).map((r) => r.headers.authorization)).toEqual(Array(20).fill('Bearer atk_shared'));
  });

  it('refreshes before expiry with the refresh token of a password grant — once for concurrent calls — and falls back to the password when the refresh token is refused', async () => {
    let issued = 0;
    stub.reset((r) => {
      if (r.path !== '/oauth2/token') return pong;
      const grant = form(r.body);
      if (grant.grant_type === 'refresh_token' && grant.refresh_token === 'rt_2')
        return { status: 400, body: { error: 'invalid_grant', error_description: 'reused' } };
      issued++;
      return { ...tokenAnswer(`atk_${issued}`, 2, `rt_${issued}`), delayMs: 50 };
    });
    const client = new AtlasClient({
      baseUrl: stub.origin,
      auth: { grant: 'password', clientId: 'k', clientSecret: 's', username: 'ada', password: 'pw' },
      refreshMarginSeconds: 60,
    });
    const api = gettingStartedV2(client);
    await api.ping();
    // expires_in 2 s: the margin is capped at half the lifetime, so the token is renewed after 1 s.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await Promise.all([api.ping(), api.ping(), api.ping()]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await api.ping();

    const grants = stub.requestsTo('/oauth2/token').map((r) => form(r.body));
    expect(grants).toEqual([
      { grant_type: 'password', username: 'ada', password: 'pw' },
      { grant_type: 'refresh_token', refresh_token: 'rt_1' },
      { grant_type: 'refresh_token', refresh_token: 'rt_2' },
      { grant_type: 'password', username: 'ada', password: 'pw' },
    ]);
    expect(stub.requestsTo(PING).map((r) => r.headers.authorization)).toEqual(['Bearer atk_1', 'Bearer atk_2', 'Bearer atk_2', 'Bearer atk_2', 'Bearer atk_3']);
  });

  it('on 401 gets a new token once and repeats the call; a second 401 is raised', async () => {
    let tokens = 0;
    stub.reset((r) => {
      if (r.path === '/oauth2/token') return tokenAnswer(`atk_${++tokens}`);
      return r.headers.authorization === 'Bearer atk_1'
        ? {
            status: 401,
            headers: { 'www-authenticate': 'Bearer error="invalid_token"', 'content-type': 'application/problem+json' },
            body: { status: 401, title: 'Unauthorized', code: 'GATEWAY_TOKEN_INVALID' },
          }
        : pong;
    });
    const client = clientCredentials();
    await expect(gettingStartedV2(client).ping()).resolves.toMatchObject({ status: 'ok' });
    expect(stub.requestsTo(PING).map((r) => r.headers.authorization)).toEqual(['Bearer atk_1', 'Bearer atk_2']);

    stub.reset((r) =>
      r.path === '/oauth2/token'
        ? tokenAnswer('atk_x')
        : { status: 401, headers: { 'content-type': 'application/problem+json' }, body: { status: 401, title: 'Unauthorized', code: 'GATEWAY_TOKEN_INVALID' } },
    );
    await expect(gettingStartedV2(clientCredentials()).ping()).rejects.toMatchObject({ name: 'AtlasProblemError', status: 401, code: 'GATEWAY_TOKEN_INVALID' });
    expect(stub.requestsTo(PING)).toHaveLength(2);
  });

  it('raises the Token API error as OAuthError (RFC 6749) and does not call the API', async () => {
    stub.reset((r) => (r.path === '/oauth2/token' ? { status: 401, body: { error: 'invalid_client', error_description: 'unknown client' } } : pong));
    const error = await gettingStartedV2(clientCredentials())
      .ping()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ status: 401, error: 'invalid_client', errorDescription: 'unknown client' });
    expect(stub.requestsTo(PING)).toHaveLength(0);
  });

  it('uses a static access token as given and never asks the Token API', async () => {
    stub.reset(() => pong);
    await gettingStartedV2(new AtlasClient({ baseUrl: stub.origin, auth: { accessToken: 'atk_static' } })).ping();
    expect(stub.requests.map((r) => [r.path, r.headers.authorization])).toEqual([[PING, 'Bearer atk_static']]);
  });

  it('revokes the refresh token at /oauth2/revoke', async () => {
    stub.reset((r) => (r.path === '/oauth2/token' ? tokenAnswer('atk_r', 3600, 'rt_r') : r.path === '/oauth2/revoke' ? { status: 200, body: {} } : pong));
    const client = new AtlasClient({ baseUrl: stub.origin, auth: { grant: 'password', clientId: 'k', clientSecret: 's', username: 'u', password: 'p' } });
    await client.accessToken();
    await client.tokens.revoke();
    expect(form(stub.requestsTo('/oauth2/revoke')[0]?.body ?? '')).toEqual({ token: 'rt_r', token_type_hint: 'refresh_token' });
  });
});
