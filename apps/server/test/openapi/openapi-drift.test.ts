import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApiDocuments, writeOpenApiDocuments } from '../../src/cli/openapi.ts';
import { createTestApp, type TestApp } from '../harness.ts';

const committedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi');

describe('generated OpenAPI documents', () => {
  it('match the committed files in apps/server/openapi (run `npm run openapi` after changing a route)', async () => {
    const { drifted } = await writeOpenApiDocuments(committedDir, true);
    expect(drifted).toEqual([]);
  });

  it('describe every Getting Started operation with its operationId, security and error answers', async () => {
    const documents = await generateOpenApiDocuments();
    const document = JSON.parse(documents.get('getting-started.v2.json') as string);
    expect(document.openapi).toBe('3.1.0');
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    const operations = Object.entries(document.paths).flatMap(([p, methods]) =>
      Object.entries(methods as object).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op.operationId]),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        ['GET /getting-started/v2/ping', 'ping'],
        ['POST /getting-started/v2/echo', 'echo'],
        ['GET /getting-started/v2/whoami', 'whoAmI'],
        ['GET /getting-started/v2/usage', 'getUsage'],
      ]),
    );
    const ping = document.paths['/getting-started/v2/ping'].get;
    expect(Object.keys(ping.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429']));
  });
});

describe('served OpenAPI documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('are served at /docs/{service}/{version}/openapi.json with the caller-facing server URL', async () => {
    const response = await t.app.inject({ url: '/docs/getting-started/v2/openapi.json', headers: { host: 'atlas.example.test' } });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.servers).toEqual([{ url: 'http://atlas.example.test' }]);
    expect(Object.keys(document.paths).every((p) => p.startsWith('/getting-started/v2/'))).toBe(true);
  });

  it('answer 404 in problem+json for a service without routes', async () => {
    const response = await t.app.inject({ url: '/docs/booking/v7/openapi.json' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });

  it('list every document and the error catalogue with a fix for each code', async () => {
    const index = (await t.app.inject({ url: '/docs' })).json();
    expect(index.documents.map((d: { service: string }) => d.service)).toEqual(expect.arrayContaining(['token', 'getting-started']));
    const catalogue = (await t.app.inject({ url: '/docs/errors' })).json();
    const codes = catalogue.errors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['GATEWAY_TOKEN_INVALID', 'GATEWAY_RATE_LIMITED', 'OAUTH_INVALID_CLIENT', 'VALIDATION_FAILED']));
    expect(catalogue.errors.every((e: { fix: string }) => e.fix.length > 10)).toBe(true);
  });
});

describe('portal front page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('leads to the API Store, whose pages carry the security headers', async () => {
    const front = await t.app.inject({ url: '/' });
    expect(front.statusCode).toBe(302);
    expect(front.headers.location).toBe('/store');
    // The built SPA (200), or the "run npm run build -w apps/portal" page (503) in a checkout that has not built it.
    const response = await t.app.inject({ url: '/store' });
    expect([200, 503]).toContain(response.statusCode);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });
});
