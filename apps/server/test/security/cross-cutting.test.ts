import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, SERVICES } from '../../src/gateway/service-catalog.ts';
import { applicationToken, insertPartner, type TestPartner, userTokens } from '../factories/partner.ts';
import { loadOperations, type Operation } from '../fuzz/openapi-operations.ts';
import { tableNames } from '../fuzz/row-counts.ts';
import { basic, bearer, createTestApp, DIALECTS, postForm, type TestApp } from '../harness.ts';

/**
 * The security list of targets.md, checked across EVERY operation of the committed OpenAPI documents (so operations
 * added later are covered without touching this file). Module suites (test/http/<module>/security*.test.ts) check
 * the same rules in depth for their own resources; docs/security.md maps each rule to its tests.
 */
const OPERATIONS = loadOperations();
const SERVICE_OPERATIONS = OPERATIONS.filter((o) => o.errorShape !== 'oauth' && o.secured);
const V1_WITH_ACCOUNT = OPERATIONS.filter((o) => o.errorShape === 'psi' && o.path.includes('{account_code}'));
const UNKNOWN_ACCOUNT = 'QQQQQQQQ';

function urlOf(operation: Operation, accountCode: string): string {
  return operation.path.replace('{account_code}', accountCode).replace(/\{[^}]+\}/g, 'X1');
}

function call(t: TestApp, operation: Operation, accountCode: string, token: string) {
  const hasBody = operation.body !== undefined;
  return t.app.inject({
    method: operation.method,
    url: urlOf(operation, accountCode),
    headers: { ...bearer(token), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { payload: '{}' } : {}),
  });
}

const slugOf = (operation: Operation) => operation.path.split('/')[1] as string;

describe.each(DIALECTS)('security rules across every documented operation (%s)', (dialect) => {
  let t: TestApp;
  let owner: TestPartner;
  let intruder: TestPartner;
  let intruderToken: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await insertPartner(t, { tier: 'Unlimited' });
    intruder = await insertPartner(t, { tier: 'Unlimited' });
    intruderToken = await applicationToken(t, intruder.production);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('covers every v1 operation with an account code and every secured operation', () => {
    expect(V1_WITH_ACCOUNT.length).toBeGreaterThan(20);
    expect(SERVICE_OPERATIONS.length).toBeGreaterThan(V1_WITH_ACCOUNT.length);
  });

  it('answers another account code in any v1 path exactly as an unknown one (API1: existence never revealed)', async () => {
    for (const operation of V1_WITH_ACCOUNT) {
      const foreign = await call(t, operation, owner.accountCode, intruderToken);
      const unknown = await call(t, operation, UNKNOWN_ACCOUNT, intruderToken);
      const what = `${operation.operationId} ${operation.method} ${operation.path}`;
      expect(foreign.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(foreign.statusCode, what).toBe(unknown.statusCode);
      expect(foreign.body.replaceAll(owner.accountCode, UNKNOWN_ACCOUNT), what).toBe(unknown.body);
    }
  });

  it('refuses every operation of a role-guarded service to an account without that role (403)', async () => {
    const guarded = SERVICE_OPERATIONS.filter((o) => SERVICES.find((s) => s.slug === slugOf(o))?.role);
    expect(guarded.length).toBeGreaterThan(40);
    const callers = new Map<string, { production: string; sandbox: string; accountCode: string }>();
    for (const operation of guarded) {
      const role = SERVICES.find((s) => s.slug === slugOf(operation))?.role as string;
      if (!callers.has(role)) {
        const lacking = await insertPartner(t, { roles: ROLES.filter((r) => r !== role).join(','), subscribe: 'all', tier: 'Unlimited' });
        callers.set(role, {
          production: await applicationToken(t, lacking.production),
          sandbox: await applicationToken(t, lacking.sandbox),
          accountCode: lacking.accountCode,
        });
      }
      const caller = callers.get(role) as { production: string; sandbox: string; accountCode: string };
      // A sandbox-only operation answers a production token 401 (a token belongs to one environment): ask with both.
      let answer = await call(t, operation, caller.accountCode, caller.production);
      if (answer.statusCode === 401) answer = await call(t, operation, caller.accountCode, caller.sandbox);
      expect(answer.statusCode, `${operation.operationId} without ${role}`).toBe(403);
    }
  });

  it('refuses a revoked token at once, and an expired one, on every service (401 with WWW-Authenticate)', async () => {
    const partner = await insertPartner(t, { tier: 'Unlimited' });
    const environments = ['production', 'sandbox'] as const;
    const revoked = { production: await applicationToken(t, partner.production), sandbox: await applicationToken(t, partner.sandbox) };
    const expired = { production: await applicationToken(t, partner.production), sandbox: await applicationToken(t, partner.sandbox) };
    const firstOfEach = [...new Map(SERVICE_OPERATIONS.map((o) => [o.path.split('/').slice(1, 3).join('/'), o])).values()];
    // The environment each operation accepts (sandbox-only simulators refuse production tokens).
    const environmentOf = new Map<Operation, (typeof environments)[number]>();
    for (const operation of firstOfEach) {
      const answer = await call(t, operation, partner.accountCode, revoked.production);
      environmentOf.set(operation, answer.statusCode === 401 ? 'sandbox' : 'production');
      if (answer.statusCode === 401) expect((await call(t, operation, partner.accountCode, revoked.sandbox)).statusCode, operation.operationId).not.toBe(401);
    }
    for (const environment of environments) {
      const credentials = partner[environment];
      const revocation = await postForm(
        t.app,
        '/oauth2/revoke',
        { token: revoked[environment] },
        { authorization: basic(credentials.consumer_key, credentials.consumer_secret) },
      );
      expect(revocation.statusCode).toBe(200);
    }
    for (const operation of firstOfEach) {
      const answer = await call(t, operation, partner.accountCode, revoked[environmentOf.get(operation) ?? 'production']);
      expect(answer.statusCode, operation.operationId).toBe(401);
      expect(answer.headers['www-authenticate'], operation.operationId).toMatch(/^Bearer .*error="invalid_token"/);
    }
    t.clock.advance(3601 * 1000);
    try {
      for (const operation of firstOfEach) {
        expect((await call(t, operation, partner.accountCode, expired[environmentOf.get(operation) ?? 'production'])).statusCode, operation.operationId).toBe(
          401,
        );
      }
    } finally {
      t.clock.advance(-3601 * 1000);
    }
  });

  it('stores client secrets, passwords, access and refresh tokens only as hashes: no table holds one in clear', async () => {
    const partner = await insertPartner(t, { tier: 'Unlimited' });
    const access = await applicationToken(t, partner.sandbox);
    const user = await userTokens(t, partner);
    const secrets = [partner.production.consumer_secret, partner.sandbox.consumer_secret, partner.password, access, user.access_token, user.refresh_token];
    for (const table of await tableNames(t.database, dialect)) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.database.db)).rows;
      const text = JSON.stringify(rows);
      for (const secret of secrets) expect(text.includes(secret), `a secret in clear in table ${table}`).toBe(false);
    }
  });

  it('sends nosniff on every answer and no-store on partner API answers', async () => {
    const partner = await insertPartner(t, { tier: 'Unlimited' });
    const token = await applicationToken(t, partner.production);
    const whoami = await t.app.inject({ url: '/getting-started/v2/whoami', headers: bearer(token) });
    expect(whoami.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    const refused = await t.app.inject({ url: '/booking/v2/bookings/X1' });
    expect(refused.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    for (const url of ['/healthz', '/', '/docs/booking/v2/openapi.json', '/no/such/path']) {
      expect((await t.app.inject({ url })).headers['x-content-type-options'], url).toBe('nosniff');
    }
    // The portal's own pages and API add CSP and the rest (test/http/portal/store-security.test.ts checks them).
    const portal = await t.app.inject({ url: '/store' });
    expect(portal.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
