import { afterEach, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('IP allow-list and trusted proxies on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function whoami(app: TestApp, token: string, remoteAddress: string, forwardedFor?: string) {
    return app.app.inject({
      url: '/getting-started/v2/whoami',
      remoteAddress,
      headers: { ...bearer(token), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    });
  }

  it('refuses a caller outside the allow-list with 403 and admits one inside', async () => {
    t = await createTestApp(dialect);
    const partner = await insertPartner(t, { cidrs: ['127.0.0.1/32', '2001:db8::/32'] });
    const token = await applicationToken(t, partner.production);
    expect((await whoami(t, token, '127.0.0.1')).statusCode).toBe(200);
    expect((await whoami(t, token, '2001:db8::7')).statusCode).toBe(200);
    const refused = await whoami(t, token, '198.51.100.4');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('GATEWAY_IP_NOT_ALLOWED');
  });

  it('with ATLAS_TRUST_PROXY=127.0.0.1/32, judges the forwarded client: X-Forwarded-For 203.0.113.9 gets 403', async () => {
    t = await createTestApp(dialect, { config: { trustProxy: ['127.0.0.1/32'] } });
    const partner = await insertPartner(t, { cidrs: ['127.0.0.1/32'] });
    const token = await applicationToken(t, partner.production);
    const response = await whoami(t, token, '127.0.0.1', '203.0.113.9');
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toContain('203.0.113.9');
  });

  it('with a trusted proxy, a forged X-Forwarded-For from an untrusted peer does not help', async () => {
    t = await createTestApp(dialect, { config: { trustProxy: ['127.0.0.1/32'] } });
    const partner = await insertPartner(t, { cidrs: ['127.0.0.1/32'] });
    const token = await applicationToken(t, partner.production);
    expect((await whoami(t, token, '198.51.100.4', '127.0.0.1')).statusCode).toBe(403);
  });

  it('without trusted proxies, ignores X-Forwarded-For entirely', async () => {
    t = await createTestApp(dialect);
    const partner = await insertPartner(t, { cidrs: ['127.0.0.1/32'] });
    const token = await applicationToken(t, partner.production);
    const response = await whoami(t, token, '127.0.0.1', '203.0.113.9');
    expect(response.statusCode).toBe(200);
    expect(response.json().client_ip).toBe('127.0.0.1');
  });
});
