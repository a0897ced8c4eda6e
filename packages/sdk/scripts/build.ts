/**
 * `npm run build -w packages/sdk`: compiles src to dist (ESM + .d.ts) with tsc, checks that nothing in dist needs
 * Node (the browser build), then packs the tarball into packages/sdk/pack/ — where the server's
 * `GET /sdk/atlas-sdk.tgz` finds it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SDK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACK_DIR = path.join(SDK_DIR, 'pack');
const DIST_DIR = path.join(SDK_DIR, 'dist');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** With --if-stale (`npm start`), nothing is done when the tarball is newer than every source of the package. */
function upToDate(): boolean {
  const tarballs = fs.existsSync(PACK_DIR) ? fs.readdirSync(PACK_DIR).filter((f) => f.endsWith('.tgz')) : [];
  if (tarballs.length === 0) return false;
  const packed = Math.max(...tarballs.map((f) => fs.statSync(path.join(PACK_DIR, f)).mtimeMs));
  const sources = [...filesUnder(path.join(SDK_DIR, 'src')), path.join(SDK_DIR, 'package.json'), path.join(SDK_DIR, 'README.md')].filter((f) =>
    fs.existsSync(f),
  );
  return sources.every((file) => fs.statSync(file).mtimeMs < packed);
}

if (process.argv.includes('--if-stale') && upToDate()) {
  console.log('packages/sdk/pack is up to date');
  process.exit(0);
}

fs.rmSync(DIST_DIR, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(SDK_DIR, 'tsconfig.build.json')], { stdio: 'inherit' });

const nodeOnly = filesUnder(DIST_DIR).filter((file) => file.endsWith('.js') && /from ['"]node:|require\(/.test(fs.readFileSync(file, 'utf8')));
if (nodeOnly.length > 0) throw new Error(`dist must run in browsers, but these files import Node modules: ${nodeOnly.join(', ')}`);

fs.mkdirSync(PACK_DIR, { recursive: true });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const out = execFileSync(npm, ['pack', '--json', '--pack-destination', PACK_DIR], { cwd: SDK_DIR, encoding: 'utf8' });
const [packed] = JSON.parse(out) as { filename: string; size: number; entryCount: number }[];
if (!packed) throw new Error(`npm pack printed no result: ${out}`);
console.log(`packed ${path.relative(process.cwd(), path.join(PACK_DIR, packed.filename))} (${packed.entryCount} files, ${packed.size} bytes)`);
