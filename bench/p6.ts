/**
 * P6: start-up to ready and idle memory of `atlas serve` (targets ≤ 1.5 s and ≤ 200 MB RSS). No baseline: the
 * figures are absolute. Each round starts the server exactly as `npm start` does (node apps/server/dist/main.js serve,
 * the compiled server that `npm run bench` builds first when its sources changed)
 * on a fresh data directory (cold: migrations, demo seed) and then restarts it on the same directory (warm: what a
 * deploy or a crash restart costs), timing from spawn to the first 200 from /readyz. After the warm start the server
 * answers a few requests, then idles 3 s before its resident set size is read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from './lib/http.ts';
import { check, type RunContext, type TargetCheck } from './lib/report-types.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const READY_TARGET_MS = 1500;
/** The arguments of `npm start`'s `node …` command, read from package.json so P6 times exactly what it starts. */
const SERVE = npmStartArgs();
const RSS_TARGET_MB = 200;

function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [program, ...args] = scripts.start.split(' ');
  if (program !== 'node') throw new Error(`npm start runs "${scripts.start}": P6 only knows how to time a node command`);
  return args;
}

export interface StartupRound {
  coldReadyMs: number;
  warmReadyMs: number;
  /** CPU time (user + system) the warm start used until ready: on a busy shared machine wall time mostly measures the queue. */
  warmReadyCpuMs: number;
  idleRssMb: number;
}

export interface P6Report {
  id: 'P6';
  title: string;
  rounds: StartupRound[];
  median: StartupRound;
  targets: TargetCheck[];
  facts: Record<string, unknown>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function rssMbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1]);
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

interface Started {
  child: ChildProcess;
  origin: string;
  readyMs: number;
  cpuMs: number;
}

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Spawns `atlas serve` and polls /readyz every 5 ms once the banner gave the port; ready = the first 200. */
async function startAndTime(dataDir: string, port: number): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, SERVE, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ATLAS_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ATLAS_LOG_LEVEL: 'warn',
      ATLAS_DATABASE_URL: '',
      ATLAS_REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`atlas serve exited (${child.exitCode}) before ready:\n${stderr}`);
    if (performance.now() - started > 30_000) throw new Error(`atlas serve not ready within 30 s:\n${stderr}`);
    const ready = await fetch(`${origin}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return { child, origin, readyMs: performance.now() - started, cpuMs: cpuMsOf(child.pid as number) };
    await sleep(5);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function runP6(ctx: RunContext): Promise<P6Report> {
  ctx.log('P6: start-up to ready (cold and warm) and idle RSS of atlas serve');
  const rounds: StartupRound[] = [];
  const port = 18_000 + (process.pid % 1000);
  for (let round = 0; round < ctx.rounds; round++) {
    const dataDir = fs.mkdtempSync(path.join(ctx.workDir, 'p6-'));
    const cold = await startAndTime(dataDir, port);
    await stop(cold.child);
    const warm = await startAndTime(dataDir, port);
    try {
      // Sanity: the ready server really serves (health, docs, an unauthenticated API call refused properly).
      const health = await request(`${warm.origin}/healthz`);
      const refused = await request(`${warm.origin}/getting-started/v2/whoami`);
      if (health.status !== 200 || refused.status !== 401) throw new Error(`P6 sanity check failed: healthz ${health.status}, whoami ${refused.status}`);
      for (let i = 0; i < 20; i++) await request(`${warm.origin}/getting-started/v2/ping`);
      await sleep(3000);
      const idleRssMb = rssMbOf(warm.child.pid as number);
      rounds.push({ coldReadyMs: cold.readyMs, warmReadyMs: warm.readyMs, warmReadyCpuMs: warm.cpuMs, idleRssMb });
      ctx.log(
        `  round ${round + 1}: cold ${Math.round(cold.readyMs)} ms, warm ${Math.round(warm.readyMs)} ms (${warm.cpuMs} ms CPU), idle RSS ${idleRssMb.toFixed(1)} MB`,
      );
    } finally {
      await stop(warm.child);
    }
  }
  const result: StartupRound = {
    coldReadyMs: median(rounds.map((r) => r.coldReadyMs)),
    warmReadyMs: median(rounds.map((r) => r.warmReadyMs)),
    warmReadyCpuMs: median(rounds.map((r) => r.warmReadyCpuMs)),
    idleRssMb: median(rounds.map((r) => r.idleRssMb)),
  };
  return {
    id: 'P6',
    title: 'Start-up to ready and idle memory',
    rounds,
    median: result,
    targets: [
      check('start-up to ready, restart on an existing data dir (median)', result.warmReadyMs, '<=', READY_TARGET_MS, 'ms'),
      check('start-up to ready, first start: migrate + demo seed (median)', result.coldReadyMs, '<=', READY_TARGET_MS, 'ms'),
      check('idle RSS after ready (median)', result.idleRssMb, '<=', RSS_TARGET_MB, 'MB'),
    ],
    facts: {
      warmReadyCpuMsMedian: result.warmReadyCpuMs,
      command: `node ${SERVE.join(' ')} (as npm start)`,
      database: 'SQLite',
      readyProbe: 'GET /readyz every 5 ms',
    },
  };
}

/** P6 as Markdown rows (its figures are absolute: no baseline column). */
export function p6Table(report: P6Report): string {
  const lines = ['| id | measure | median | rounds | target | result |', '|---|---|---:|---|---|---|'];
  const perRound = (pick: (r: StartupRound) => number) => report.rounds.map((r) => Math.round(pick(r))).join(', ');
  const picks = [(r: StartupRound) => r.warmReadyMs, (r: StartupRound) => r.coldReadyMs, (r: StartupRound) => r.idleRssMb];
  report.targets.forEach((target, i) => {
    lines.push(
      `| P6 | ${target.description} | **${target.measured.toFixed(target.unit === 'MB' ? 1 : 0)} ${target.unit}** | ${perRound(picks[i] as (r: StartupRound) => number)} | ≤ ${target.target} ${target.unit} | ${target.met ? 'met' : '**MISSED**'} |`,
    );
  });
  lines.push(
    `| P6 | CPU used until ready, restart (median; not a target) | ${Math.round(report.median.warmReadyCpuMs)} ms | ${perRound((r) => r.warmReadyCpuMs)} | | |`,
  );
  return lines.join('\n');
}
