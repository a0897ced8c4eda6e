import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('SDK download (%s)', (dialect) => {
  let packDir: string;
  let t: TestApp;
  beforeAll(async () => {
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-sdk-pack-'));
    t = await createTestApp(dialect, { config: { sdkPackDir: packDir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(packDir, { recursive: true, force: true });
  });

  it('answers 404 problem+json naming the build command while no tarball was built', async () => {
    for (const url of ['/sdk', '/sdk/atlas-sdk.tgz']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 404, code: 'SDK_NOT_BUILT' });
      expect(response.json().detail).toContain('npm run build -w packages/sdk');
    }
  });

  it('serves the newest tarball at the stable URL, and /sdk gives its version and sha256 without a token', async () => {
    const older = Buffer.from('older tarball');
    const newer = Buffer.from('newer tarball bytes');
    fs.writeFileSync(path.join(packDir, 'atlas-sdk-0.0.9.tgz'), older);
    fs.utimesSync(path.join(packDir, 'atlas-sdk-0.0.9.tgz'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    fs.writeFileSync(path.join(packDir, 'atlas-sdk-0.1.0.tgz'), newer);
    fs.writeFileSync(path.join(packDir, 'notes.txt'), 'not a tarball');

    const info = await t.app.inject({ url: '/sdk', headers: { host: 'atlas.example.test' } });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({
      name: '@atlas/sdk',
      version: '0.1.0',
      filename: 'atlas-sdk-0.1.0.tgz',
      size: newer.length,
      sha256: createHash('sha256').update(newer).digest('hex'),
      url: 'http://atlas.example.test/sdk/atlas-sdk.tgz',
      install: 'npm install ./atlas-sdk-0.1.0.tgz',
    });

    const download = await t.app.inject({ url: '/sdk/atlas-sdk.tgz' });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/gzip');
    expect(download.headers['content-disposition']).toBe('attachment; filename="atlas-sdk-0.1.0.tgz"');
    expect(download.rawPayload.equals(newer)).toBe(true);
    expect(download.headers.etag).toBe(`"${info.json().sha256}"`);
  });
});
