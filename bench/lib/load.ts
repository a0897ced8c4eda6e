import autocannon from 'autocannon';
import type { ServerHandle } from './children.ts';

/** One HTTP request, fired over and over by autocannon. */
export interface Target {
  label: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Checked on every response body during the load: a false answer is a mismatch and fails the benchmark. */
  verifyBody: (body: string) => boolean;
}

export interface LoadSettings {
  connections: number;
  durationS: number;
}

export interface RunResult {
  label: string;
  /** Mean of autocannon's per-second samples. */
  requestsPerSecond: number;
  totalRequests: number;
  durationS: number;
  latencyMs: { average: number; p50: number; p90: number; p99: number; p99_9: number; max: number };
  /** CPU time of the server process over the run, as a share of one core (1.0 = one core busy all the time). */
  serverCpu: number;
  /** The kernel's part of serverCpu (system time: socket writes and reads, file writes). */
  serverCpuSystem: number;
  /** Server CPU time per response, in microseconds (user + system). */
  serverCpuUsPerRequest: number;
  /** Same for the load generator (this process). */
  loadGeneratorCpu: number;
  serverRssMb: number;
  checks: { non2xx: number; errors: number; timeouts: number; mismatches: number; statusCodes: Record<string, number> };
}

export class BenchmarkDefect extends Error {}

function fire(target: Target, settings: LoadSettings): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: target.url,
        title: target.label,
        method: target.method,
        headers: target.headers ?? {},
        ...(target.body !== undefined ? { body: target.body } : {}),
        connections: settings.connections,
        duration: settings.durationS,
        pipelining: 1,
        timeout: 10,
        verifyBody: target.verifyBody,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** Runs one timed load against `target` and throws if any response was not a verified 2xx. */
export async function runLoad(target: Target, server: ServerHandle<unknown>, settings: LoadSettings): Promise<RunResult> {
  const serverBefore = await server.cpu();
  const loadBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await fire(target, settings);
  const wallMs = performance.now() - wallBefore;
  const loadUsage = process.cpuUsage(loadBefore);
  const serverAfter = await server.cpu();

  const serverSystemUs = serverAfter.systemUs - serverBefore.systemUs;
  const serverCpuUs = serverAfter.userUs - serverBefore.userUs + serverSystemUs;
  const serverWallMs = serverAfter.wallMs - serverBefore.wallMs;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]));
  const run: RunResult = {
    label: target.label,
    requestsPerSecond: result.requests.average,
    totalRequests: result['2xx'] + result.non2xx,
    durationS: result.duration,
    latencyMs: {
      average: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      p99_9: result.latency.p99_9,
      max: result.latency.max,
    },
    serverCpu: serverCpuUs / 1000 / serverWallMs,
    serverCpuSystem: serverSystemUs / 1000 / serverWallMs,
    serverCpuUsPerRequest: serverCpuUs / Math.max(1, result['2xx'] + result.non2xx),
    loadGeneratorCpu: (loadUsage.user + loadUsage.system) / 1000 / wallMs,
    serverRssMb: serverAfter.rssBytes / 1024 / 1024,
    checks: { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, mismatches: result.mismatches, statusCodes },
  };
  assertClean(run, server);
  return run;
}

/** A benchmark that measures errors measures nothing: every response must be a 2xx whose body passed the check. */
export function assertClean(run: RunResult, server: ServerHandle<unknown>): void {
  const { non2xx, errors, timeouts, mismatches, statusCodes } = run.checks;
  const problems: string[] = [];
  if (run.totalRequests === 0) problems.push('no request completed');
  if (non2xx > 0) problems.push(`${non2xx} non-2xx responses (status codes: ${JSON.stringify(statusCodes)})`);
  if (errors > 0) problems.push(`${errors} connection errors`);
  if (timeouts > 0) problems.push(`${timeouts} timeouts`);
  if (mismatches > 0) problems.push(`${mismatches} responses whose body failed the check`);
  if (problems.length > 0) {
    const stderr = server.stderr().trim();
    throw new BenchmarkDefect(`${run.label}: ${problems.join('; ')}${stderr ? `\nserver stderr:\n${stderr.slice(-4000)}` : ''}`);
  }
}
