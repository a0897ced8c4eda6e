import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The compiled SDK in a real browser (Debian's chromium through playwright-core): the ESM build loads without any
 * Node module, gets a token and calls an operation with the browser's fetch, and verifies a Standard Webhooks
 * signature with the browser's WebCrypto. Page, SDK files and a stub API share one origin on 127.0.0.1.
 */

const SDK_DIR = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('the SDK build in a browser', { timeout: 60_000 }, () => {
  let outDir: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  const apiCalls: string[] = [];
  let page = '';

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-sdk-browser-'));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(SDK_DIR, 'tsconfig.build.json'), '--outDir', outDir, '--declaration', 'false']);
    server = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/sdk/')) {
        const file = path.join(outDir, url.slice('/sdk/'.length));
        if (!file.startsWith(outDir) || !fs.existsSync(file)) return res.writeHead(404).end();
        return res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(file));
      }
      if (url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      apiCalls.push(`${req.method} ${url} ${req.headers.authorization ?? ''}`);
      res.setHeader('content-type', 'application/json');
      if (url === '/oauth2/token') return res.end(JSON.stringify({ access_token: 'atk_browser', token_type: 'Bearer', expires_in: 3600 }));
      if (url === '/getting-started/v2/ping') return res.end(JSON.stringify({ status: 'ok', service: 'getting-started' }));
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, title: 'Not found', code: 'NOT_FOUND' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('loads as ESM, calls the API with fetch and a token, types a problem, and verifies a webhook with WebCrypto', async () => {
    const body = JSON.stringify({ id: 'evt_b', type: 'booking.created', data: { booking_code: 'BKBROWSER' } });
    const now = new Date();
    const headers = {
      'webhook-id': 'evt_b',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRET).sign('evt_b', now, body),
    };
    // The scenario runs as the page's own module script (as a partner's web app would import the SDK).
    page = `<!doctype html><title>sdk</title><script type="module">
      import * as sdk from '/sdk/index.js';
      const input = ${JSON.stringify({ body, headers, secret: SECRET })};
      const client = new sdk.AtlasClient({ baseUrl: location.origin, auth: { grant: 'client_credentials', clientId: 'k', clientSecret: 's' } });
      const ping = await sdk.gettingStartedV2(client).ping();
      const missing = await sdk.testPublicationV2(client).getTest({ path: { test_code: 'NOPE' } }).catch((error) => error.name + ' ' + error.code);
      const event = await sdk.verifyWebhook(new Headers(input.headers), input.body, input.secret);
      const forged = await sdk.verifyWebhook(new Headers(input.headers), input.body.replace('BKBROWSER', 'BKFORGED'), input.secret).catch((error) => error.reason);
      window.sdkResult = { ping, missing, bookingCode: event.data.booking_code, forged, node: typeof globalThis.process };
    </script>`;
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${origin}/`);
    await tab.waitForFunction('window.sdkResult !== undefined', undefined, { timeout: 15_000 });
    const result = await tab.evaluate('window.sdkResult');
    expect(errors).toEqual([]);
    expect(result).toEqual({
      ping: { status: 'ok', service: 'getting-started' },
      missing: 'AtlasProblemError NOT_FOUND',
      bookingCode: 'BKBROWSER',
      forged: 'no_matching_signature',
      node: 'undefined',
    });
    expect(apiCalls.filter((call) => !call.includes('favicon'))).toEqual([
      `POST /oauth2/token Basic ${btoa('k:s')}`,
      'GET /getting-started/v2/ping Bearer atk_browser',
      'GET /test-publication/v2/tests/NOPE Bearer atk_browser',
    ]);
  });
});
