/**
 * A closed-loop load of multi-request flows (P3: hold then confirm), which autocannon's one-request targets cannot
 * express: `connections` workers each run `flow` back to back for the duration over a keep-alive undici pool. A flow
 * that does not end in the expected answers is a defect, as in load.ts. Results use load.ts's RunResult shape, with
 * "requests" meaning flows.
 */
import { Pool } from 'undici';
import type { ServerHandle } from './children.ts';
import { BenchmarkDefect, type RunResult } from './load.ts';

export interface FlowClient {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
}

export interface FlowTarget {
  label: string;
  origin: string;
  /** One unit of work; throws (or returns false) when an answer is not the expected one. */
  flow(client: FlowClient, worker: number): Promise<boolean>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function runFlowLoad(target: FlowTarget, server: ServerHandle<unknown>, settings: { connections: number; durationS: number }): Promise<RunResult> {
  const pool = new Pool(target.origin, { connections: settings.connections, pipelining: 1 });
  const client: FlowClient = {
    async post(path, body, headers = {}) {
      const response = await pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.body.text();
      return { status: response.statusCode, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const serverBefore = await server.cpu();
  const loadBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + settings.durationS * 1000;
  await Promise.all(
    Array.from({ length: settings.connections }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          if (!(await target.flow(client, worker))) throw new Error('unexpected answer');
          latencies.push(performance.now() - t0);
        } catch (error) {
          failures += 1;
          firstFailure ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const wallMs = performance.now() - started;
  const loadUsage = process.cpuUsage(loadBefore);
  const serverAfter = await server.cpu();
  await pool.close();
  if (failures > 0 || latencies.length === 0) {
    throw new BenchmarkDefect(`${target.label}: ${failures} failed flows, ${latencies.length} good (first: ${firstFailure})\n${server.stderr().slice(-2000)}`);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const serverSystemUs = serverAfter.systemUs - serverBefore.systemUs;
  const serverCpuUs = serverAfter.userUs - serverBefore.userUs + serverSystemUs;
  const serverWallMs = serverAfter.wallMs - serverBefore.wallMs;
  return {
    label: target.label,
    requestsPerSecond: latencies.length / (wallMs / 1000),
    totalRequests: latencies.length,
    durationS: wallMs / 1000,
    latencyMs: {
      average: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      p99_9: round(percentile(sorted, 99.9)),
      max: round(sorted[sorted.length - 1] as number),
    },
    serverCpu: serverCpuUs / 1000 / serverWallMs,
    serverCpuSystem: serverSystemUs / 1000 / serverWallMs,
    serverCpuUsPerRequest: serverCpuUs / latencies.length,
    loadGeneratorCpu: (loadUsage.user + loadUsage.system) / 1000 / wallMs,
    serverRssMb: serverAfter.rssBytes / 1024 / 1024,
    checks: { non2xx: 0, errors: 0, timeouts: 0, mismatches: 0, statusCodes: {} },
  };
}
