import type { ServerHandle } from './children.ts';
import { type LoadSettings, type RunResult, runLoad, type Target } from './load.ts';

export interface Contender {
  target: Target;
  server: ServerHandle<unknown>;
}

export interface CompareSettings extends LoadSettings {
  rounds: number;
  warmupS: number;
  log: (line: string) => void;
  /** When set, both servers are profiled over the measured rounds (not the warm-up): `<prefix>-baseline.cpuprofile`, `<prefix>-subject.cpuprofile`. */
  profilePrefix?: string | undefined;
}

export interface Summary {
  label: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  serverCpu: number;
  serverCpuUsPerRequest: number;
  loadGeneratorCpu: number;
  totalRequests: number;
}

export interface Comparison {
  baseline: Summary;
  subject: Summary;
  /** Median of the per-round ratios subject/baseline (each round pairs runs a few seconds apart). */
  ratio: number;
  /** Ratio of the two medians, for reference. */
  ratioOfMedians: number;
  rounds: { baseline: RunResult; subject: RunResult; ratio: number }[];
  /** With profiling: the servers' CPU profiles over the measured rounds. */
  profiles?: { baseline: string; subject: string };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Medians over rounds of one server's runs (p3 and p4 summarise their own loads with it too). */
export function summarize(runs: readonly RunResult[]): Summary {
  return {
    label: runs[0]?.label ?? '?',
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    latencyMs: { p50: median(runs.map((r) => r.latencyMs.p50)), p99: median(runs.map((r) => r.latencyMs.p99)) },
    serverCpu: median(runs.map((r) => r.serverCpu)),
    serverCpuUsPerRequest: median(runs.map((r) => r.serverCpuUsPerRequest)),
    loadGeneratorCpu: median(runs.map((r) => r.loadGeneratorCpu)),
    totalRequests: runs.reduce((sum, r) => sum + r.totalRequests, 0),
  };
}

function describe(run: RunResult): string {
  const rps = Math.round(run.requestsPerSecond).toLocaleString('en-US');
  return `${run.label}: ${rps} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, server CPU ${(run.serverCpu * 100).toFixed(0)}% (kernel ${(run.serverCpuSystem * 100).toFixed(0)}%, ${run.serverCpuUsPerRequest.toFixed(0)} µs/request), load generator CPU ${(run.loadGeneratorCpu * 100).toFixed(0)}%`;
}

/**
 * Warms both servers up (unmeasured, but still checked), then runs `rounds` rounds alternating the order
 * (baseline first in even rounds, subject first in odd ones) so drift on a noisy machine hits both sides alike.
 */
export async function compare(baseline: Contender, subject: Contender, settings: CompareSettings): Promise<Comparison> {
  const load = { connections: settings.connections, durationS: settings.durationS };
  if (settings.warmupS > 0) {
    for (const contender of [baseline, subject]) {
      await runLoad(contender.target, contender.server, { connections: settings.connections, durationS: settings.warmupS });
    }
    settings.log(`  warmed up (${settings.warmupS} s each)`);
  }
  const rounds: Comparison['rounds'] = [];
  const profiles = settings.profilePrefix
    ? { baseline: `${settings.profilePrefix}-baseline.cpuprofile`, subject: `${settings.profilePrefix}-subject.cpuprofile` }
    : undefined;
  if (profiles) await Promise.all([baseline.server.profileStart(), subject.server.profileStart()]);
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? [baseline, subject] : [subject, baseline];
    const results = new Map<Contender, RunResult>();
    for (const contender of order) results.set(contender, await runLoad(contender.target, contender.server, load));
    const b = results.get(baseline) as RunResult;
    const s = results.get(subject) as RunResult;
    const ratio = s.requestsPerSecond / b.requestsPerSecond;
    rounds.push({ baseline: b, subject: s, ratio });
    settings.log(`  round ${round + 1}/${settings.rounds}: ratio ${ratio.toFixed(3)}`);
    settings.log(`    ${describe(b)}`);
    settings.log(`    ${describe(s)}`);
  }
  if (profiles) await Promise.all([baseline.server.profileStop(profiles.baseline), subject.server.profileStop(profiles.subject)]);
  const baselineSummary = summarize(rounds.map((r) => r.baseline));
  const subjectSummary = summarize(rounds.map((r) => r.subject));
  return {
    baseline: baselineSummary,
    subject: subjectSummary,
    ratio: median(rounds.map((r) => r.ratio)),
    ratioOfMedians: subjectSummary.requestsPerSecond / baselineSummary.requestsPerSecond,
    rounds,
    ...(profiles ? { profiles } : {}),
  };
}
