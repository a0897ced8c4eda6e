import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../../../../apps/server/test/support/server-process.ts';

/**
 * The SDK as a partner gets it: `npm run build -w packages/sdk` packs the tarball, an empty project installs it
 * OFFLINE (so it must have no runtime dependencies), compiles this package's README example against the installed
 * `.d.ts` with tsc, and runs it against a real `atlas serve` with the demo sandbox credentials.
 */

const run = promisify(execFile);
const SDK_DIR = path.resolve(import.meta.dirname, '../..');
const REPO_ROOT = path.resolve(SDK_DIR, '../..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The README's example blocks, in order, keyed by their `<!-- example:step-N -->` marker. */
function readmeSteps(): Map<string, string> {
  const readme = fs.readFileSync(path.join(SDK_DIR, 'README.md'), 'utf8');
  const steps = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- example:(step-\d+) -->\n```ts\n([\s\S]*?)```/g)) steps.set(match[1] as string, match[2] as string);
  return steps;
}

describe('the packed SDK installed offline into an empty project', { timeout: 180_000 }, () => {
  let project: string;
  let dataDir: string;
  let server: ServerProcess | undefined;
  let tarball: string;

  beforeAll(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-sdk-consumer-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-sdk-server-'));
    const built = await run(npm, ['run', 'build', '-w', 'packages/sdk', '--loglevel=warn'], { cwd: REPO_ROOT });
    const name = /packed pack\/(atlas-sdk-[\d.]+\.tgz)/.exec(built.stdout)?.[1];
    if (!name) throw new Error(`the build printed no tarball name:\n${built.stdout}\n${built.stderr}`);
    tarball = name;
    fs.copyFileSync(path.join(SDK_DIR, 'pack', tarball), path.join(project, tarball));
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'partner-integration', private: true, type: 'module' }));
  });

  afterAll(async () => {
    server?.kill();
    await server?.exited;
    fs.rmSync(project, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('installs with `npm install ./atlas-sdk-0.1.0.tgz --offline`: no runtime dependencies, ESM + .d.ts, per-service entry points', async () => {
    await run(npm, ['install', `./${tarball}`, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
    const installed = path.join(project, 'node_modules/@atlas/sdk');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@atlas/sdk', version: '0.1.0', type: 'module', sideEffects: false });
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['@atlas']);
    for (const entry of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/webhooks/index.js',
      'dist/generated/services/eligibility.js',
      'dist/generated/services/eligibility.d.ts',
    ]) {
      expect(fs.existsSync(path.join(installed, entry)), entry).toBe(true);
    }
    // Sources, tests and the generator stay out of the tarball.
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'scripts'))).toBe(false);
  });

  it('runs the README example (compiled with tsc against the installed types) against a live server with the demo credentials', async () => {
    server = new ServerProcess(['serve'], { ATLAS_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const origin = (await server.waitForOutput(/API Store portal:\s+(http:\/\/\S+?)\/?\n/))[1] as string;
    await server.waitForOutput(/getting-started\/v2\/whoami\n/);
    const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8'));

    const steps = readmeSteps();
    expect([...steps.keys()]).toEqual(['step-1', 'step-2', 'step-3', 'step-4']);
    // Step 3 needs the booking service; it runs once booking is in the generated SDK.
    const hasBooking = fs.existsSync(path.join(project, 'node_modules/@atlas/sdk/dist/generated/services/booking.js'));
    const code = ['step-1', 'step-2', ...(hasBooking ? ['step-3'] : []), 'step-4'].map((s) => steps.get(s)).join('\n');
    fs.writeFileSync(path.join(project, 'example.ts'), code);
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          outDir: 'out',
          typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['example.ts'],
      }),
    );
    const compiled = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project }).catch((error: { stdout: string }) => {
      throw new Error(`the README example does not compile against the packed SDK:\n${error.stdout}`);
    });
    expect(compiled.stdout).toBe('');

    const env = { ...process.env, ATLAS_URL: origin, ATLAS_CLIENT_ID: demo.sandbox.consumer_key, ATLAS_CLIENT_SECRET: demo.sandbox.consumer_secret };
    const { stdout } = await run(process.execPath, ['out/example.js'], { cwd: project, env });
    expect(stdout).toContain(`connected as ${demo.account_code} in sandbox`);
    expect(stdout).toMatch(/eligibility \S+ is (open|pending)/);
    expect(stdout).toMatch(/404 ELIGIBILITY_NOT_FOUND: /);
    if (hasBooking) expect(stdout).toMatch(/booking \S+ is confirmed/);
    expect(stdout).toMatch(/endpoint \S+ registered/);
  });

  it('is what the server hands out at /sdk/atlas-sdk.tgz, with the sha256 /sdk announces', async () => {
    const origin = (server as ServerProcess).stdout.match(/API Store portal:\s+(http:\/\/\S+?)\/?\n/)?.[1] as string;
    const info = (await (await fetch(`${origin}/sdk`)).json()) as { version: string; sha256: string; filename: string };
    const bytes = Buffer.from(await (await fetch(`${origin}/sdk/atlas-sdk.tgz`)).arrayBuffer());
    expect(info.filename).toBe(tarball);
    expect(bytes.equals(fs.readFileSync(path.join(project, tarball)))).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(info.sha256);
  });
});
