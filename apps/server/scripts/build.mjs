// Compiles the server to apps/server/dist with tsc (incremental: dist/.tsbuildinfo). `npm start` runs the compiled
// JavaScript: importing the sources through tsx cost every start ~1.5 s of CPU (BENCHMARKS.md, P6).
// With --if-stale (npm start, npm run bench), nothing is done when the build is newer than every source and config
// file, so a restart pays ~50 ms for this check instead of ~2 s for tsc's own. Plain JavaScript on purpose: it runs
// before anything is compiled, and without tsx's start-up cost.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const REPO_ROOT = path.resolve(SERVER_DIR, '../..');
const BUILD_INFO = path.join(SERVER_DIR, 'dist/.tsbuildinfo');
const MAIN = path.join(SERVER_DIR, 'dist/main.js');
const CONFIG_FILES = [
  path.join(SERVER_DIR, 'tsconfig.build.json'),
  path.join(SERVER_DIR, 'tsconfig.json'),
  path.join(REPO_ROOT, 'tsconfig.base.json'),
  path.join(REPO_ROOT, 'package-lock.json'),
];

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(file);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield file;
  }
}

function upToDate() {
  if (!fs.existsSync(BUILD_INFO) || !fs.existsSync(MAIN)) return false;
  const built = fs.statSync(BUILD_INFO).mtimeMs;
  for (const file of [...sourceFiles(path.join(SERVER_DIR, 'src')), ...CONFIG_FILES]) {
    if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= built) return false;
  }
  return true;
}

if (process.argv.includes('--if-stale') && upToDate()) {
  console.log('apps/server/dist is up to date');
} else {
  // tsc trusts its build info and does not look for the files it emitted: without main.js, start over.
  if (!fs.existsSync(MAIN)) fs.rmSync(BUILD_INFO, { force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(SERVER_DIR, 'tsconfig.build.json')], { stdio: 'inherit' });
  // tsc leaves the build info untouched when nothing needed emitting; its time is what --if-stale compares against.
  const now = new Date();
  fs.utimesSync(BUILD_INFO, now, now);
  console.log('apps/server/dist built');
}
