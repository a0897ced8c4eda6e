import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartner, requestToken, type TestPartner, userTokens } from '../../factories/partner.ts';
import { bearer, createTestApp, type TestApp } from '../../harness.ts';

describe('logs', () => {
  let t: TestApp;
  let partner: TestPartner;
  const lines: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    t = await createTestApp('sqlite', { config: { logLevel: 'info' }, logStream: stream });
    partner = await insertPartner(t);
  });
  afterAll(() => t.close());

  it('write one access line per request with the request id, route, status and caller, and never a secret', async () => {
    const tokens = await userTokens(t, partner);
    await requestToken(t, partner.production, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    await t.app.inject({ url: '/getting-started/v2/whoami?candidate=Jane%20Doe', headers: { ...bearer(tokens.access_token), 'x-request-id': 'trace-1' } });
    await t.app.inject({
      method: 'POST',
      url: '/getting-started/v2/echo',
      headers: bearer(tokens.access_token),
      payload: { first_name: 'Jane', email: 'jane@example.com' },
    });

    const access = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(access.find((entry) => entry.reqId === 'trace-1')).toMatchObject({
      route: '/getting-started/v2/whoami',
      status: 200,
      account: partner.accountCode,
      env: 'production',
    });
    const everything = lines.join('\n');
    for (const secret of [tokens.access_token, tokens.refresh_token, partner.password, partner.production.consumer_secret, 'Jane', 'jane@example.com']) {
      expect(everything).not.toContain(secret);
    }
  });
});
