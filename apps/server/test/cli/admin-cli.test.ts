import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, SERVICE_SLUGS } from '../../src/gateway/service-catalog.ts';
import { addUsage } from '../../src/modules/usage/usage.repository.ts';
import type { AtlasApp } from '../../src/platform/app-types.ts';
import { basic, bearer, DIALECTS, postForm } from '../harness.ts';
import { type CliResult, childEnv, REPO_ROOT, runCli, runCliJson, singleJsonObject } from '../support/cli.ts';
import { type CliTarget, createCliTarget } from '../support/cli-target.ts';
import { appOn } from '../support/in-process-app.ts';

/**
 * The admin CLI as a coordinator runs it: `node --import tsx apps/server/src/main.ts admin …` from the repository
 * root, one child process per command, against a fresh database. What it prints is then used against the Token API
 * and the gateway of an in-process app on the same database, so "the credentials work" is checked, not assumed.
 *
 * The tests of one dialect share one database and run in order, as a coordinator's session would: the audit test
 * at the end reviews everything the earlier ones did.
 */

interface Credentials {
  consumer_key: string;
  consumer_secret: string;
}
interface CreatedAccount {
  account_code: string;
  username: string;
  password: string;
  name: string;
  roles: string[];
  cidrs: string[];
}
interface CreatedApplication {
  application_id: string;
  name: string;
  tier: string;
  subscriptions: string[];
  production: Credentials;
  sandbox: Credentials;
}
interface SubscriptionView {
  service: string;
  tier: string;
  status: string;
}

const ACTOR = 'atlas-test';
const ONE_TIME_PASSWORD = /^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/;

describe.each(DIALECTS)('admin CLI on %s', { timeout: 90_000 }, (dialect) => {
  let target: CliTarget;
  let app: AtlasApp;
  let accountResult: CliResult;
  let account: CreatedAccount;
  let applicationResult: CliResult;
  let application: CreatedApplication;
  /** Every secret the CLI printed: none of them may show up in the audit log. */
  const secretsSeen: string[] = [];

  const cli = (...args: string[]) => runCli(args, target.env);
  const cliJson = <T = Record<string, unknown>>(...args: string[]) => runCliJson<T>(args, target.env);

  function token(credentials: Credentials, form: Record<string, string>) {
    return postForm(app, '/oauth2/token', form, { authorization: basic(credentials.consumer_key, credentials.consumer_secret) });
  }

  async function whoAmI(accessToken: string) {
    const response = await app.inject({ method: 'GET', url: '/getting-started/v2/whoami', headers: bearer(accessToken) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function applicationToken(credentials: Credentials): Promise<string> {
    const response = await token(credentials, { grant_type: 'client_credentials' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().access_token;
  }

  beforeAll(async () => {
    target = await createCliTarget(dialect, ACTOR);
    accountResult = await cli(
      'admin',
      'account',
      'create',
      '--name',
      'Northwind Licensing Board',
      '--roles',
      'psiEligibility,psiBooking',
      '--cidr',
      '127.0.0.1/32',
      '--json',
    );
    account = singleJsonObject(accountResult) as unknown as CreatedAccount;
    applicationResult = await cli(
      'admin',
      'app',
      'create',
      '--account',
      account.account_code,
      '--name',
      'Northwind Integration',
      '--subscribe',
      'all',
      '--json',
    );
    application = singleJsonObject(applicationResult) as unknown as CreatedApplication;
    secretsSeen.push(account.password, application.production.consumer_secret, application.sandbox.consumer_secret);
    app = await appOn(target.database());
  });

  afterAll(async () => {
    await app?.close();
    await target?.close();
  });

  it('account create prints one JSON object with the account code, the API Store user and a one-time password', async () => {
    expect(accountResult.code).toBe(0);
    expect(account).toEqual({
      account_code: expect.stringMatching(/^[A-Z0-9]{8}$/),
      username: `${account.account_code.toLowerCase()}.admin`,
      password: expect.stringMatching(ONE_TIME_PASSWORD),
      name: 'Northwind Licensing Board',
      roles: ['psiBooking', 'psiEligibility'],
      cidrs: ['127.0.0.1/32'],
    });
    const user = await target
      .database()
      .db.selectFrom('portal_user')
      .select(['username', 'must_change_password', 'password_hash'])
      .where('username', '=', account.username)
      .executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(1);
    expect(user.password_hash).not.toContain(account.password);
  });

  it('app create prints production and sandbox credentials, and each key gets a token for its own environment', async () => {
    expect(applicationResult.code).toBe(0);
    expect(application).toMatchObject({
      application_id: expect.stringMatching(/^app_/),
      production: { consumer_key: expect.any(String), consumer_secret: expect.stringMatching(/^cs_/) },
      sandbox: { consumer_key: expect.any(String), consumer_secret: expect.stringMatching(/^cs_/) },
    });
    expect(application.production.consumer_key).not.toBe(application.sandbox.consumer_key);
    expect([...application.subscriptions].sort()).toEqual([...SERVICE_SLUGS].sort());

    const sandbox = await whoAmI(await applicationToken(application.sandbox));
    expect(sandbox).toMatchObject({
      environment: 'sandbox',
      account_code: account.account_code,
      application_id: application.application_id,
      user: null,
      roles: ['psiBooking', 'psiEligibility'],
    });
    const production = await whoAmI(await applicationToken(application.production));
    expect(production).toMatchObject({ environment: 'production', account_code: account.account_code });
  });

  it('the one-time password gets invalid_grant until user set-password sets a permanent one, which the password grant accepts', async () => {
    const before = await token(application.production, { grant_type: 'password', username: account.username, password: account.password });
    expect(before.statusCode).toBe(400);
    expect(before.json().error).toBe('invalid_grant');

    const permanent = 'northwind permanent passphrase';
    secretsSeen.push(permanent);
    const set = await cliJson('admin', 'user', 'set-password', '--account', account.account_code, '--username', account.username, '--password', permanent);
    expect(set).toEqual({ ok: true });

    const after = await token(application.production, { grant_type: 'password', username: account.username, password: permanent });
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json()).toMatchObject({ token_type: 'Bearer', refresh_token: expect.any(String) });
    expect(await whoAmI(after.json().access_token)).toMatchObject({ user: account.username, environment: 'production' });
    const oneTimeAgain = await token(application.production, { grant_type: 'password', username: account.username, password: account.password });
    expect(oneTimeAgain.json().error).toBe('invalid_grant');
  });

  it('account update replaces the roles and the IP allow-list, account list shows the account, and new tokens carry the new roles', async () => {
    const updated = await cliJson('admin', 'account', 'update', account.account_code, '--roles', 'all', '--cidr', '127.0.0.1', '--cidr', '10.20.0.0/16');
    expect(updated).toMatchObject({
      account_code: account.account_code,
      name: 'Northwind Licensing Board',
      status: 'active',
      roles: [...ROLES].sort(),
      cidrs: ['10.20.0.0/16', '127.0.0.1/32'],
    });

    const listed = await cliJson<{ accounts: { account_code: string; name: string; status: string }[] }>('admin', 'account', 'list');
    expect(listed.accounts).toContainEqual(
      expect.objectContaining({ account_code: account.account_code, name: 'Northwind Licensing Board', status: 'active' }),
    );

    const caller = await whoAmI(await applicationToken(application.sandbox));
    expect(caller.roles).toEqual([...ROLES].sort());
    expect([...caller.ip_allow_list].sort()).toEqual(['10.20.0.0/16', '127.0.0.1/32']);
  });

  it('app list and app show describe the application, its keys and subscriptions without printing a secret', async () => {
    const listed = await cliJson<{ applications: Record<string, unknown>[] }>('admin', 'app', 'list', '--account', account.account_code);
    expect(listed.applications).toEqual([
      expect.objectContaining({
        application_id: application.application_id,
        name: 'Northwind Integration',
        tier: 'Unlimited',
        password_grant: true,
        status: 'active',
      }),
    ]);

    const shown = await cli('admin', 'app', 'show', application.application_id, '--json');
    expect(shown.code).toBe(0);
    const view = singleJsonObject(shown) as { keys: { environment: string; consumer_key: string }[]; subscriptions: SubscriptionView[] };
    expect(view.keys.map((k) => [k.environment, k.consumer_key])).toEqual([
      ['production', application.production.consumer_key],
      ['sandbox', application.sandbox.consumer_key],
    ]);
    expect(view.subscriptions.map((s) => s.service).sort()).toEqual([...SERVICE_SLUGS].sort());
    for (const secret of secretsSeen) expect(shown.stdout).not.toContain(secret);
    expect(shown.stdout).not.toMatch(/secret_hash|consumer_secret|password_hash/);
  });

  it('tier create adds a tier that tier list shows beside the seeded Bronze, Silver, Gold and Unlimited', async () => {
    const created = await cliJson('admin', 'tier', 'create', '--name', 'Partner10', '--per-minute', '10', '--per-day', '1000');
    expect(created).toMatchObject({ name: 'Partner10', requests_per_minute: 10, requests_per_day: 1000 });

    const { tiers } = await cliJson<{ tiers: { name: string; requests_per_minute: number | null }[] }>('admin', 'tier', 'list');
    expect(tiers.map((t) => t.name).sort()).toEqual(['Bronze', 'Gold', 'Partner10', 'Silver', 'Unlimited']);
    expect(tiers.find((t) => t.name === 'Partner10')?.requests_per_minute).toBe(10);
  });

  it('subscription remove and add change what subscription list reports, and the gateway sees the new tier', async () => {
    const removed = await cliJson<{ subscriptions: SubscriptionView[] }>(
      'admin',
      'subscription',
      'remove',
      '--app',
      application.application_id,
      '--service',
      'booking',
    );
    expect(removed.subscriptions.map((s) => s.service)).not.toContain('booking');
    expect(removed.subscriptions).toHaveLength(SERVICE_SLUGS.length - 1);

    const added = await cliJson<{ subscriptions: SubscriptionView[] }>(
      'admin',
      'subscription',
      'add',
      '--app',
      application.application_id,
      '--service',
      'booking',
      '--tier',
      'Partner10',
    );
    expect(added.subscriptions).toContainEqual({ service: 'booking', tier: 'Partner10', status: 'active' });

    const listed = await cliJson<{ subscriptions: SubscriptionView[] }>('admin', 'subscription', 'list', '--app', application.application_id);
    expect(listed.subscriptions).toEqual(added.subscriptions);

    const caller = await whoAmI(await applicationToken(application.production));
    expect(caller.subscriptions).toContainEqual({ service: 'booking', tier: 'Partner10', status: 'active' });
  });

  it('app rotate-secret with no overlap prints a new sandbox secret and the old one stops working at once', async () => {
    const rotated = await cliJson<Credentials & { previous_secret_expires_at: string | null }>(
      'admin',
      'app',
      'rotate-secret',
      application.application_id,
      '--env',
      'sandbox',
      '--overlap-seconds',
      '0',
    );
    secretsSeen.push(rotated.consumer_secret);
    expect(rotated).toEqual({
      consumer_key: application.sandbox.consumer_key,
      consumer_secret: expect.stringMatching(/^cs_/),
      previous_secret_expires_at: null,
    });
    expect(rotated.consumer_secret).not.toBe(application.sandbox.consumer_secret);

    const old = await token(application.sandbox, { grant_type: 'client_credentials' });
    expect(old.statusCode).toBe(401);
    expect(old.json().error).toBe('invalid_client');
    expect(await whoAmI(await applicationToken(rotated))).toMatchObject({ environment: 'sandbox' });
    // The other environment's key is untouched.
    await applicationToken(application.production);
  });

  it('user reset-password prints a new one-time password, after which neither it nor the old permanent one gets a token', async () => {
    const reset = await cliJson<{ username: string; password: string; one_time: boolean }>(
      'admin',
      'user',
      'reset-password',
      '--account',
      account.account_code,
      '--username',
      account.username,
    );
    secretsSeen.push(reset.password);
    expect(reset).toEqual({ username: account.username, password: expect.stringMatching(ONE_TIME_PASSWORD), one_time: true });

    for (const password of ['northwind permanent passphrase', reset.password]) {
      const response = await token(application.production, { grant_type: 'password', username: account.username, password });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid_grant');
    }
  });

  it("usage show reports the account's calls per application, environment, version and operation, v1 included", async () => {
    const { db } = target.database();
    const accountId = (await db.selectFrom('account').select('id').where('account_code', '=', account.account_code).executeTakeFirstOrThrow()).id;
    const minute = new Date(Date.now() - 60_000).toISOString().slice(0, 16) + ':00.000Z';
    const row = {
      minute,
      account_id: accountId,
      application_id: application.application_id,
      environment: 'sandbox' as const,
      service: 'booking',
      operation: 'getBooking',
      status: 200,
    };
    await addUsage(db, [
      { ...row, version: 'v1', operation: 'getBookingV1', request_count: 3, total_latency_ms: 30 },
      { ...row, version: 'v2', request_count: 5, total_latency_ms: 10 },
    ]);
    const { usage } = await cliJson<{ usage: Record<string, unknown>[] }>('admin', 'usage', 'show', '--account', account.account_code, '--json');
    expect(usage).toEqual(
      expect.arrayContaining([
        {
          application_id: application.application_id,
          environment: 'sandbox',
          service: 'booking',
          version: 'v1',
          operation: 'getBookingV1',
          status: 200,
          requests: 3,
          average_latency_ms: 10,
        },
        {
          application_id: application.application_id,
          environment: 'sandbox',
          service: 'booking',
          version: 'v2',
          operation: 'getBooking',
          status: 200,
          requests: 5,
          average_latency_ms: 2,
        },
      ]),
    );
  });

  it('audit list records each change made through the CLI, by the coordinator, and no password, secret or hash', async () => {
    const result = await cli('admin', 'audit', 'list', '--account', account.account_code, '--limit', '100', '--json');
    expect(result.code).toBe(0);
    const { events } = singleJsonObject(result) as { events: { actor: string; action: string; details: unknown }[] };

    expect(events.map((e) => e.action).sort()).toEqual(
      [
        'account.created',
        'application.created',
        'user.password_set',
        'account.updated',
        'subscription.removed',
        'subscription.saved',
        'application.secret_rotated',
        'user.password_reset',
      ].sort(),
    );
    expect(events.at(-1)?.action).toBe('account.created'); // newest first
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([`coordinator:${ACTOR}`]));

    const { db } = target.database();
    const hashes = [
      ...(await db.selectFrom('portal_user').select('password_hash as hash').execute()),
      ...(await db.selectFrom('application_key').select('secret_hash as hash').execute()),
    ].map((row) => row.hash);
    for (const secret of [...secretsSeen, ...hashes]) expect(result.stdout).not.toContain(secret);
    expect(detailKeys(events.map((e) => e.details)).filter((key) => /password|secret|hash/i.test(key))).toEqual([]);
  });

  describe('bad input', () => {
    const cases: { case: string; args: () => string[]; exit: number; code: string; mentions: string }[] = [
      {
        case: 'an unknown role',
        args: () => ['admin', 'account', 'create', '--name', 'Bad Roles Board', '--roles', 'psiEligibility,psiTeleport'],
        exit: 1,
        code: 'IDENTITY_UNKNOWN_ROLE',
        mentions: 'psiTeleport',
      },
      {
        case: 'a CIDR with a prefix longer than 32 bits',
        args: () => ['admin', 'account', 'create', '--name', 'Bad Range Board', '--cidr', '10.0.0.0/33'],
        exit: 1,
        code: 'IDENTITY_INVALID_CIDR',
        mentions: '10.0.0.0/33',
      },
      {
        case: 'an unknown account',
        args: () => ['admin', 'app', 'create', '--account', 'ZZZZ9999', '--name', 'Orphan App'],
        exit: 1,
        code: 'IDENTITY_ACCOUNT_NOT_FOUND',
        mentions: 'ZZZZ9999',
      },
      { case: 'a missing --name', args: () => ['admin', 'account', 'create', '--roles', 'all'], exit: 2, code: 'USAGE', mentions: '--name' },
      { case: 'an unknown flag', args: () => ['admin', 'account', 'list', '--colour'], exit: 2, code: 'USAGE', mentions: '--colour' },
    ];

    for (const { case: what, args, exit, code, mentions } of cases) {
      it(`${what} exits non-zero with a JSON error on stdout and changes nothing`, async () => {
        const { db } = target.database();
        const countRows = async () => ({
          accounts: Number(
            (
              await db
                .selectFrom('account')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
          applications: Number(
            (
              await db
                .selectFrom('application')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        });
        const before = await countRows();

        const result = await runCli([...args(), '--json'], target.env);
        expect(result.code, result.stderr).toBe(exit);
        const output = singleJsonObject(result) as { error: { code: string; message: string } };
        expect(output).toEqual({ error: { code, message: expect.stringContaining(mentions) } });
        expect(result.stderr).toContain(mentions);

        expect(await countRows()).toEqual(before);
      });
    }
  });
});

/** Every key at any depth of the audit details. */
function detailKeys(values: unknown[]): string[] {
  return values.flatMap((value) => {
    if (Array.isArray(value)) return detailKeys(value);
    if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, nested]) => [key, ...detailKeys([nested])]);
    return [];
  });
}

describe('admin CLI outside a dialect', { timeout: 60_000 }, () => {
  it('npm run atlas -- … --json prints exactly one JSON object on stdout, as the README promises', async () => {
    const target = await createCliTarget('sqlite');
    try {
      const result = await new Promise<CliResult>((resolve, reject) => {
        const child = spawn('npm', ['run', 'atlas', '--', 'admin', 'tier', 'list', '--json'], {
          cwd: REPO_ROOT,
          env: childEnv(target.env),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
        });
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
      });
      expect(result.code, result.stderr).toBe(0);
      const { tiers } = singleJsonObject(result) as { tiers: { name: string }[] };
      expect(tiers.map((t) => t.name).sort()).toEqual(['Bronze', 'Gold', 'Silver', 'Unlimited']);
    } finally {
      await target.close();
    }
  });

  /*
   * Regression: reportFailure() once wrote the JSON error object only for usage and AppError failures; any other
   * failure (here: the database refuses the connection) must still give scripts one JSON object on stdout.
   */
  it('with --json, a database it cannot reach still gives one JSON error object on stdout and a non-zero exit', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-cli-'));
    try {
      // Port 1 on the loopback: nothing listens there, the connection is refused at once.
      const result = await runCli(['admin', 'account', 'list', '--json'], {
        ATLAS_DATA_DIR: dataDir,
        ATLAS_DATABASE_URL: 'postgres://atlas@127.0.0.1:1/atlas',
      });
      expect(result.code).not.toBe(0);
      expect(singleJsonObject(result)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
