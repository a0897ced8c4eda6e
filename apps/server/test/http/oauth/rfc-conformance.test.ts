import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartner, type TestPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

/**
 * The Token API checked by a client library the team did not write (oauth4webapi, by the author of
 * node-oidc-provider): discovery (RFC 8414), token responses (RFC 6749), revocation (RFC 7009), introspection (RFC 7662).
 */
describe.each(DIALECTS)('Token API against oauth4webapi on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;
  let issuer: URL;
  let as: oauth.AuthorizationServer;
  let client: oauth.Client;
  let clientAuth: oauth.ClientAuth;
  const insecure = { [oauth.allowInsecureRequests]: true };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    partner = await insertPartner(t);
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    issuer = new URL(address);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
    client = { client_id: partner.production.consumer_key };
    clientAuth = oauth.ClientSecretBasic(partner.production.consumer_secret);
  });
  afterAll(() => t.close());

  it('publishes RFC 8414 metadata the library accepts', () => {
    expect(as.issuer).toBe(issuer.href.replace(/\/$/, ''));
    expect(as.token_endpoint).toBe(`${as.issuer}/oauth2/token`);
    expect(as.revocation_endpoint).toBe(`${as.issuer}/oauth2/revoke`);
    expect(as.introspection_endpoint).toBe(`${as.issuer}/oauth2/introspect`);
    expect(as.grant_types_supported).toEqual(expect.arrayContaining(['client_credentials', 'password', 'refresh_token']));
  });

  it('issues, introspects and revokes an application token', async () => {
    const tokens = await oauth.processClientCredentialsResponse(as, client, await oauth.clientCredentialsGrantRequest(as, client, clientAuth, {}, insecure));
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);

    const active = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, clientAuth, tokens.access_token, insecure),
    );
    expect(active).toMatchObject({ active: true, client_id: partner.production.consumer_key, account_code: partner.accountCode, environment: 'production' });

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, clientAuth, tokens.access_token, insecure));
    const inactive = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, clientAuth, tokens.access_token, insecure),
    );
    expect(inactive).toEqual({ active: false });
    const call = await fetch(new URL('/getting-started/v2/ping', issuer), { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(call.status).toBe(401);
    expect(call.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('runs the password grant and a rotating refresh', async () => {
    const user = await oauth.processGenericTokenEndpointResponse(
      as,
      client,
      await oauth.genericTokenEndpointRequest(as, client, clientAuth, 'password', { username: partner.username, password: partner.password }, insecure),
    );
    expect(user.refresh_token).toBeDefined();
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, user.refresh_token as string, insecure),
    );
    expect(refreshed.refresh_token).not.toBe(user.refresh_token);
    await expect(
      oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, clientAuth, user.refresh_token as string, insecure)),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
      status: 400,
    });
  });

  it('answers a wrong secret with 401, a Basic challenge (RFC 6749 §5.2) and invalid_client', async () => {
    const wrong = oauth.ClientSecretBasic('cs_not-the-secret');
    const failure = await oauth
      .processClientCredentialsResponse(as, client, await oauth.clientCredentialsGrantRequest(as, client, wrong, {}, insecure))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    const challenge = failure as oauth.WWWAuthenticateChallengeError;
    expect(challenge.status).toBe(401);
    expect(challenge.cause[0]?.scheme).toBe('basic');
    expect(await challenge.response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers 200 when revoking an unknown token (RFC 7009 §2.2)', async () => {
    const response = await oauth.revocationRequest(as, client, clientAuth, 'atk_never-issued', insecure);
    expect(response.status).toBe(200);
    await oauth.processRevocationResponse(response);
  });

  it('accepts client_secret_post authentication', async () => {
    const post = oauth.ClientSecretPost(partner.production.consumer_secret);
    const tokens = await oauth.processClientCredentialsResponse(as, client, await oauth.clientCredentialsGrantRequest(as, client, post, {}, insecure));
    expect(tokens.access_token).toMatch(/^atk_/);
  });
});
