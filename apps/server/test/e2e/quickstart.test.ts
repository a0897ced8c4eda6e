import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { buildCompiledServer, NPM_START_ARGS, ServerProcess } from '../support/server-process.ts';

/**
 * The quick start as a new user does it: `npm start` (the server compiled if stale, then `node
 * apps/server/dist/main.js serve`) on a fresh data directory, with the embedded SQLite database, then the first calls from the banner with plain fetch.
 * PORT=0 lets the OS pick a free port; the banner prints the real one.
 */

interface Banner {
  origin: string;
  accountCode: string;
  username: string;
  password: string;
  applicationId: string;
  sandbox: { consumer_key: string; consumer_secret: string };
  production: { consumer_key: string; consumer_secret: string };
}

const BANNER_END = /getting-started\/v2\/whoami\n/;

function field(output: string, pattern: RegExp): string {
  const match = output.match(pattern);
  if (!match?.[1]) throw new Error(`the banner has no ${pattern}\n${output}`);
  return match[1];
}

function parseBanner(output: string): Banner {
  const pair = (label: string) => {
    const match = output.match(new RegExp(`${label} key/secret:\\s+(\\S+) / (\\S+)\\n`));
    if (!match?.[1] || !match[2]) throw new Error(`the banner has no ${label} key/secret\n${output}`);
    return { consumer_key: match[1], consumer_secret: match[2] };
  };
  return {
    origin: field(output, /API Store portal:\s+(http:\/\/\S+?)\/?\n/),
    accountCode: field(output, /account code:\s+(\S+)\n/),
    username: field(output, /API Store user:\s+(\S+)\n/),
    password: field(output, /\n\s+password:\s+(\S+)\n/),
    applicationId: field(output, /application:\s+(\S+)\n/),
    sandbox: pair('sandbox'),
    production: pair('production'),
  };
}

async function startServer(dataDir: string): Promise<{ server: ServerProcess; banner: Banner }> {
  const server = new ServerProcess([], { ATLAS_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }, NPM_START_ARGS);
  servers.push(server);
  await server.waitForOutput(BANNER_END);
  return { server, banner: parseBanner(server.stdout) };
}

const servers: ServerProcess[] = [];
const sockets: net.Socket[] = [];

async function requestToken(origin: string, credentials: { consumer_key: string; consumer_secret: string }, form: Record<string, string>) {
  const authorization = `Basic ${Buffer.from(`${encodeURIComponent(credentials.consumer_key)}:${encodeURIComponent(credentials.consumer_secret)}`).toString('base64')}`;
  return fetch(`${origin}/oauth2/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

async function sandboxToken(banner: Banner): Promise<string> {
  const response = await requestToken(banner.origin, banner.sandbox, { grant_type: 'client_credentials' });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function getJson(url: string, accessToken?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the quick start on the embedded database', { timeout: 60_000 }, () => {
  let dataDir: string;
  let first: { server: ServerProcess; banner: Banner };
  /** An access token the first server issued: a restart must not forget it. */
  let firstAccessToken: string | undefined;

  beforeAll(async () => {
    buildCompiledServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-quickstart-'));
    first = await startServer(dataDir);
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    for (const server of servers) server.kill();
    await Promise.all(servers.map((server) => server.exited));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serve prints its real origin and the demo sandbox partner, and keeps the credentials in demo-credentials.json', () => {
    const { banner } = first;
    expect(banner.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(banner.origin).port)).toBeGreaterThan(0);
    expect(banner.accountCode).toMatch(/^[A-Z0-9]{8}$/);

    const file = path.join(dataDir, 'demo-credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      account_code: banner.accountCode,
      username: banner.username,
      password: banner.password,
      application_id: banner.applicationId,
      sandbox: banner.sandbox,
      production: banner.production,
    });
  });

  it('the demo sandbox key gets a token that opens ping, and whoami names the demo account in sandbox', async () => {
    const { banner } = first;
    const response = await requestToken(banner.origin, banner.sandbox, { grant_type: 'client_credentials' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const issued = (await response.json()) as { access_token: string; token_type: string };
    expect(issued.token_type).toBe('Bearer');
    firstAccessToken = issued.access_token;

    const ping = await getJson(`${banner.origin}/getting-started/v2/ping`, issued.access_token);
    expect(ping).toMatchObject({ status: 200, body: { status: 'ok', service: 'getting-started' } });

    const whoami = await getJson(`${banner.origin}/getting-started/v2/whoami`, issued.access_token);
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({ environment: 'sandbox', account_code: banner.accountCode, application_id: banner.applicationId, user: null });
  });

  it('ping without a token is refused with 401 and a Bearer challenge', async () => {
    const response = await fetch(`${first.banner.origin}/getting-started/v2/ping`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('the demo API Store user gets a user token with the password grant', async () => {
    const { banner } = first;
    const response = await requestToken(banner.origin, banner.sandbox, { grant_type: 'password', username: banner.username, password: banner.password });
    expect(response.status).toBe(200);
    const issued = (await response.json()) as { access_token: string; refresh_token?: string };
    expect(issued.refresh_token).toEqual(expect.any(String));
    const whoami = await getJson(`${banner.origin}/getting-started/v2/whoami`, issued.access_token);
    expect(whoami.body).toMatchObject({ user: banner.username, environment: 'sandbox', account_code: banner.accountCode });
  });

  it('a token revoked at /oauth2/revoke gets 401 on the next call at once', async () => {
    const { banner } = first;
    const accessToken = await sandboxToken(banner);
    expect((await getJson(`${banner.origin}/getting-started/v2/ping`, accessToken)).status).toBe(200);
    const authorization = `Basic ${Buffer.from(`${banner.sandbox.consumer_key}:${banner.sandbox.consumer_secret}`).toString('base64')}`;
    const revoked = await fetch(`${banner.origin}/oauth2/revoke`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: accessToken }),
    });
    expect(revoked.status).toBe(200);
    expect((await getJson(`${banner.origin}/getting-started/v2/ping`, accessToken)).status).toBe(401);
  });

  it('healthz and readyz answer 200 once the banner is out', async () => {
    expect(await getJson(`${first.banner.origin}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${first.banner.origin}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready', database: 'sqlite' } });
  });

  it('the Getting Started OpenAPI document is OpenAPI 3.1 with the ping, echo and whoami paths', async () => {
    const { status, body } = await getJson(`${first.banner.origin}/docs/getting-started/v2/openapi.json`);
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(body.paths as object)).toEqual(
      expect.arrayContaining(['/getting-started/v2/ping', '/getting-started/v2/echo', '/getting-started/v2/whoami']),
    );
    expect(body.servers).toEqual([{ url: first.banner.origin }]);
  });

  it('SIGTERM shuts the server down gracefully: exit code 0 within five seconds, with the usage counted so far written', async () => {
    const exit = await first.server.stop('SIGTERM', 10_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.elapsedMs).toBeLessThan(5000);
    await expect(fetch(`${first.banner.origin}/healthz`)).rejects.toThrow();

    // Usage is flushed every 5 s; the calls above are younger than that, so only the shutdown flush can have written them.
    const database = openDatabase({ sqliteFile: path.join(dataDir, 'atlas.sqlite') });
    try {
      const usage = await database.db
        .selectFrom('usage_minute')
        .select(['operation', 'status', 'request_count'])
        .where('application_id', '=', first.banner.applicationId)
        .where('environment', '=', 'sandbox')
        .where('service', '=', 'getting-started')
        .execute();
      const count = (operation: string) =>
        usage.filter((row) => row.operation === operation && row.status === 200).reduce((n, row) => n + row.request_count, 0);
      expect(count('ping')).toBeGreaterThanOrEqual(1);
      expect(count('whoAmI')).toBeGreaterThanOrEqual(1);
    } finally {
      await database.close();
    }
  });

  it('a restart on the same data directory seeds no second account, and the first credentials still work', async () => {
    if (first.server.running) await first.server.stop();
    const second = await startServer(dataDir);
    expect(second.banner.accountCode).toBe(first.banner.accountCode);
    expect(second.banner.sandbox).toEqual(first.banner.sandbox);

    const whoami = await getJson(`${second.banner.origin}/getting-started/v2/whoami`, await sandboxToken({ ...first.banner, origin: second.banner.origin }));
    expect(whoami.body).toMatchObject({ account_code: first.banner.accountCode, environment: 'sandbox' });
    if (firstAccessToken) expect((await getJson(`${second.banner.origin}/getting-started/v2/ping`, firstAccessToken)).status).toBe(200);
    const password = await requestToken(second.banner.origin, first.banner.sandbox, {
      grant_type: 'password',
      username: first.banner.username,
      password: first.banner.password,
    });
    expect(password.status).toBe(200);

    const database = openDatabase({ sqliteFile: path.join(dataDir, 'atlas.sqlite') });
    try {
      const accounts = await database.db.selectFrom('account').select('account_code').execute();
      expect(accounts).toEqual([{ account_code: first.banner.accountCode }]);
    } finally {
      await database.close();
    }

    expect(await second.server.stop()).toMatchObject({ code: 0 });
  });

  /*
   * Regression: a request in flight when SIGTERM arrives rides a keep-alive connection that Fastify does not reap
   * (it closes only idle sockets); app.ts now answers with `Connection: close` while closing, so shutdown ends.
   */
  it('SIGTERM while a request is in flight answers that request and still exits 0 within five seconds', async () => {
    const { server, banner } = await startServer(dataDir);
    const { port } = new URL(banner.origin);
    const body = new URLSearchParams({ grant_type: 'client_credentials' }).toString();
    const authorization = `Basic ${Buffer.from(`${banner.sandbox.consumer_key}:${banner.sandbox.consumer_secret}`).toString('base64')}`;
    // A client like any HTTP/1.1 library with a keep-alive pool: it sends the headers, then the body a little later.
    const socket = net.connect(Number(port), '127.0.0.1');
    sockets.push(socket);
    await once(socket, 'connect');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.write(
      `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${authorization}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await sleep(300); // the server has read the headers and routed the request: it is in flight

    server.child.kill('SIGTERM');
    await server.waitForOutput(/"msg":"shutting down"/);
    socket.write(body.slice(5));

    for (let waited = 0; !/\r\n\r\n\{.*\}/s.test(answer) && waited < 5000; waited += 50) await sleep(50);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    const exit = await server.waitForExit(20_000);
    expect({ code: exit.code, signal: exit.signal, withinFiveSeconds: exit.elapsedMs < 5000 }).toEqual({ code: 0, signal: null, withinFiveSeconds: true });
  });
});
