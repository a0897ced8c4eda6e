/**
 * `npm run bench [-- p1|p2|p3|p4|p5|p6 ...] [--strict] [--rounds N] [--duration S] [--warmup S] [--connections N]
 *                [--atlas-log-level info|warn|...] [--profile] [--keep]`
 *
 * Runs the P1/P2/P3/P4/P5/P6 benchmarks of shared/spec/targets.md: each server in its own child process, autocannon in this one,
 * the baseline measured in the same run, several alternating rounds, medians and ratios. Prints a table, writes
 * bench/results/latest.json, and with --strict exits 1 when a target is missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BreakdownReport, breakdownTable, runBreakdown } from './breakdown.ts';
import { killAllChildren } from './lib/children.ts';
import { BenchmarkDefect } from './lib/load.ts';
import { formatProfile, summarizeProfile } from './lib/profile.ts';
import type { BenchmarkReport, RunContext } from './lib/report-types.ts';
import { runP1 } from './p1.ts';
import { runP1Floor } from './p1-floor.ts';
import { runP2 } from './p2.ts';
import { runP3 } from './p3.ts';
import { runP4 } from './p4.ts';
import { runP5 } from './p5.ts';
import { type P6Report, p6Table, runP6 } from './p6.ts';

const BENCHMARKS = { p1: runP1, p2: runP2, p3: runP3, p4: runP4, p5: runP5 } as const;
/** Absolute figures without a baseline (their own report shape), run by default after the others. */
const STANDALONE = { p6: runP6 } as const;
/** Run only when named: `npm run bench -- breakdown` or `-- p1-floor`. */
const EXTRAS = { breakdown: runBreakdown, 'p1-floor': runP1Floor } as const;
type BenchmarkId = keyof typeof BENCHMARKS | keyof typeof STANDALONE | keyof typeof EXTRAS;

const RESULTS_DIR = path.join(import.meta.dirname, 'results');

class UsageError extends Error {}

const USAGE =
  'usage: npm run bench -- [p1] [p2] [p3] [p4] [p5] [p6] [breakdown] [p1-floor] [--strict] [--rounds N] [--duration S] [--warmup S] [--connections N] [--atlas-log-level LEVEL] [--profile] [--keep]';

const OPTIONS = {
  strict: { type: 'boolean', default: false },
  rounds: { type: 'string', default: '5' },
  duration: { type: 'string', default: '5' },
  warmup: { type: 'string', default: '3' },
  connections: { type: 'string', default: '50' },
  'atlas-log-level': { type: 'string', default: 'info' },
  profile: { type: 'boolean', default: false },
  keep: { type: 'boolean', default: false },
} as const;

function parseArgsOrExplain() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function parse() {
  const { values, positionals } = parseArgsOrExplain();
  const selected =
    positionals.length === 0 ? ([...Object.keys(BENCHMARKS), ...Object.keys(STANDALONE)] as BenchmarkId[]) : positionals.map((p) => p.toLowerCase());
  for (const id of selected) {
    if (!Object.hasOwn(BENCHMARKS, id) && !Object.hasOwn(STANDALONE, id) && !Object.hasOwn(EXTRAS, id)) {
      throw new UsageError(`unknown benchmark "${id}": use ${[...Object.keys(BENCHMARKS), ...Object.keys(STANDALONE), ...Object.keys(EXTRAS)].join(', ')}`);
    }
  }
  const positive = (name: string, raw: string | undefined, min: number) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new UsageError(`--${name} must be a number ≥ ${min}, got "${raw}"`);
    return value;
  };
  return {
    selected: [...new Set(selected)] as BenchmarkId[],
    strict: values.strict ?? false,
    rounds: Math.round(positive('rounds', values.rounds, 1)),
    durationS: positive('duration', values.duration, 1),
    warmupS: positive('warmup', values.warmup, 0),
    connections: Math.round(positive('connections', values.connections, 1)),
    atlasLogLevel: values['atlas-log-level'] ?? 'info',
    profile: values.profile ?? false,
    keep: values.keep ?? false,
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const n0 = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** The results as a Markdown table (printed at the end of a run, pasted into BENCHMARKS.md). */
export function table(reports: readonly BenchmarkReport[]): string {
  const lines = ['| id | server | req/s (median) | p50 ms | p99 ms | server CPU | ratio | target | result |', '|---|---|---:|---:|---:|---:|---:|---|---|'];
  for (const report of reports) {
    const { baseline, subject, ratio } = report.comparison;
    // A throughput ratio (unit x) goes on the subject's row; latency-only targets (P5) get rows of their own.
    const throughput = report.targets.find((t) => t.unit === 'x');
    const others = report.targets.filter((t) => t !== throughput);
    lines.push(
      `| ${report.id} | ${report.baselineName} | ${n0(baseline.requestsPerSecond)} | ${ms(baseline.latencyMs.p50)} | ${ms(baseline.latencyMs.p99)} | ${Math.round(baseline.serverCpu * 100)}% | 1.00 | | |`,
    );
    const met = (ok: boolean | undefined) => (ok ? 'met' : '**MISSED**');
    lines.push(
      `| ${report.id} | ${report.subjectName} | ${n0(subject.requestsPerSecond)} | ${ms(subject.latencyMs.p50)} | ${ms(subject.latencyMs.p99)} | ${Math.round(subject.serverCpu * 100)}% | **${ratio.toFixed(2)}** | ${throughput ? (throughput.unit === 'x' ? `≥ ${throughput.target.toFixed(2)}×` : `≥ ${n0(throughput.target)} ${throughput.unit}`) : ''} | ${throughput ? met(throughput.met) : ''} |`,
    );
    for (const other of others) {
      lines.push(
        `| ${report.id} | ${other.description} | | | ${ms(other.measured)} | | | ${other.comparator === '<=' ? '≤' : '≥'} ${other.target} ${other.unit} | ${met(other.met)} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const options = parse();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-'));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const profileDir = options.profile ? path.join(RESULTS_DIR, 'profiles') : undefined;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const ctx: RunContext = {
    connections: options.connections,
    durationS: options.durationS,
    warmupS: options.warmupS,
    rounds: options.rounds,
    atlasLogLevel: options.atlasLogLevel,
    workDir,
    profileDir,
    log: (line) => process.stdout.write(`${line}\n`),
  };
  const info = machine();
  ctx.log(
    `Atlas benchmarks: ${options.selected.join(', ')} on ${info.nproc} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB, Node ${info.node}; ` +
      `${options.connections} connections, ${options.rounds} rounds × ${options.durationS} s after ${options.warmupS} s warm-up; Atlas log level ${options.atlasLogLevel}` +
      (options.profile ? '; PROFILING (numbers are not comparable)' : ''),
  );
  if ((info.loadAverage[0] ?? 0) > info.nproc * 0.5) {
    ctx.log(`warning: the machine is busy before the start (load average ${info.loadAverage.join(' ')}): expect noisy numbers`);
  }
  const started = new Date();
  const reports: BenchmarkReport[] = [];
  let breakdown: BreakdownReport | undefined;
  let p6: P6Report | undefined;
  try {
    for (const id of options.selected) {
      if (id === 'breakdown') {
        breakdown = await EXTRAS.breakdown(ctx);
        continue;
      }
      if (id === 'p1-floor') {
        reports.push(...(await EXTRAS['p1-floor'](ctx)));
        continue;
      }
      if (id === 'p6') {
        p6 = await STANDALONE.p6(ctx);
        continue;
      }
      const report = await BENCHMARKS[id](ctx);
      reports.push(report);
      const profiles = report.comparison.profiles;
      if (profiles) {
        ctx.log(`${report.id} baseline (${report.baselineName}):\n${formatProfile(summarizeProfile(profiles.baseline))}`);
        ctx.log(`${report.id} subject (${report.subjectName}):\n${formatProfile(summarizeProfile(profiles.subject))}`);
      }
    }
  } finally {
    killAllChildren();
    if (!options.keep) fs.rmSync(workDir, { recursive: true, force: true });
    else ctx.log(`kept the work dir (SQLite files, access logs): ${workDir}`);
  }

  const markdown = [reports.length > 0 ? table(reports) : '', p6 ? p6Table(p6) : '', breakdown ? breakdownTable(breakdown) : ''].filter((t) => t).join('\n\n');
  ctx.log(`\n${markdown}\n`);
  const missed = [...reports, ...(p6 ? [p6] : [])].flatMap((r) =>
    r.targets.filter((t) => !t.met).map((t) => `${r.id} ${t.description}: ${t.measured.toFixed(2)} ${t.unit}`),
  );
  const document = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    command: process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench',
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100) },
    settings: {
      connections: options.connections,
      rounds: options.rounds,
      durationS: options.durationS,
      warmupS: options.warmupS,
      atlasLogLevel: options.atlasLogLevel,
      profiling: options.profile,
    },
    allTargetsMet: missed.length === 0,
    reports,
    ...(p6 ? { p6 } : {}),
    ...(breakdown ? { breakdown } : {}),
  };
  // Profiled runs are slower by design, and the extras answer other questions: keep them away from latest.json.
  const onlyFloor = options.selected.length === 1 && options.selected[0] === 'p1-floor';
  const base = options.profile ? 'profiled' : onlyFloor ? 'p1-floor' : reports.length === 0 && !p6 ? 'breakdown' : reports.length === 0 ? 'p6' : 'latest';
  fs.writeFileSync(path.join(RESULTS_DIR, `${base}.json`), `${JSON.stringify(document, null, 2)}\n`);
  ctx.log(`results: ${path.relative(process.cwd(), path.join(RESULTS_DIR, `${base}.json`))}`);
  const checked = reports.some((r) => r.targets.length > 0) || p6 !== undefined;
  if (!checked) {
    // Only the extras ran (breakdown, p1-floor): they have no targets.
  } else if (missed.length > 0) {
    ctx.log(`targets missed: ${missed.join('; ')}`);
    if (options.strict) return 1;
  } else {
    ctx.log('all targets met');
  }
  return 0;
}

process.on('SIGINT', () => {
  killAllChildren();
  process.exit(130);
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    killAllChildren();
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    const defect = error instanceof BenchmarkDefect;
    process.stderr.write(
      `\n${defect ? 'BENCHMARK DEFECT (the numbers would be meaningless): ' : 'benchmark failed: '}${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
