/**
 * Not a target, an explanation: where a P1 request's server time goes. One Atlas server per log level, each with probe
 * routes that add one layer at a time (see PROBES), measured at the same concurrency as P1, one pass each, next to the
 * bare Fastify baseline. Server CPU time per response is the figure to read: it is what the layers cost.
 */
import { startAtlas } from './lib/atlas.ts';
import { type ServerHandle, startServer } from './lib/children.ts';
import { basicAuth, expect, FORM, request } from './lib/http.ts';
import { type RunResult, runLoad, type Target } from './lib/load.ts';
import { type AtlasInfo, PROBE_BODY, PROBES } from './lib/protocol.ts';
import type { RunContext } from './lib/report-types.ts';

export interface BreakdownStep {
  server: string;
  logLevel: string | null;
  step: string;
  path: string;
  requestsPerSecond: number;
  p99Ms: number;
  serverCpu: number;
  serverCpuUsPerRequest: number;
}

export interface BreakdownReport {
  id: 'breakdown';
  connections: number;
  durationS: number;
  steps: BreakdownStep[];
}

const LEVELS = ['info', 'warn'] as const;

async function tokenFor(handle: ServerHandle<AtlasInfo>): Promise<string> {
  const { consumerKey, consumerSecret } = handle.info;
  const issued = await request(`${handle.origin}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(consumerKey, consumerSecret), 'content-type': FORM },
    body: 'grant_type=client_credentials',
  });
  const token = issued.json.access_token;
  expect(issued.status === 200 && typeof token === 'string', 'the Token API issues a token', issued);
  return token;
}

function step(server: string, logLevel: string | null, name: string, path: string, run: RunResult): BreakdownStep {
  return {
    server,
    logLevel,
    step: name,
    path,
    requestsPerSecond: run.requestsPerSecond,
    p99Ms: run.latencyMs.p99,
    serverCpu: run.serverCpu,
    serverCpuUsPerRequest: run.serverCpuUsPerRequest,
  };
}

export async function runBreakdown(ctx: RunContext): Promise<BreakdownReport> {
  ctx.log('Breakdown: what each layer of a P1 request costs the server (one pass each, indicative)');
  const load = { connections: ctx.connections, durationS: ctx.durationS };
  const warm = { connections: ctx.connections, durationS: Math.max(1, Math.min(2, ctx.warmupS)) };
  const steps: BreakdownStep[] = [];

  const bare = await startServer<{ path: string }>('bare-fastify', 'bare-fastify.ts');
  try {
    const target: Target = { label: 'bare Fastify', url: `${bare.origin}${bare.info.path}`, method: 'GET', verifyBody: (b) => b === PROBE_BODY };
    await runLoad(target, bare, warm);
    const run = await runLoad(target, bare, load);
    steps.push(step('bare Fastify', null, 'bare Fastify GET', bare.info.path, run));
    ctx.log(`  bare Fastify: ${Math.round(run.requestsPerSecond)} req/s, ${run.serverCpuUsPerRequest.toFixed(0)} µs server CPU/request`);
  } finally {
    await bare.stop();
  }

  for (const level of LEVELS) {
    const atlas = await startAtlas({ ...ctx, atlasLogLevel: level }, `breakdown-${level}`, { probes: true });
    try {
      const authorization = `Bearer ${await tokenFor(atlas.handle)}`;
      const accountField = `"account_code":"${atlas.handle.info.accountCode}"`;
      const ladder: [string, string, (body: string) => boolean][] = [
        ['Fastify + Atlas hooks, no gateway', PROBES.static, (b) => b === PROBE_BODY],
        ['+ gateway stages 3–7 (cached token)', PROBES.gateway, (b) => b === PROBE_BODY],
        ['+ one-row read via Kysely', PROBES.gatewayRow, (b) => b === PROBE_BODY],
        ['(same read, Kysely with a statement cache)', PROBES.gatewayRowKyselyCached, (b) => b === PROBE_BODY],
        ['(same read, cached statement, no Kysely)', PROBES.gatewayRowPrepared, (b) => b === PROBE_BODY],
        ['whoami (read + 1.1 KB response)', '/getting-started/v2/whoami', (b) => b.includes(accountField)],
      ];
      for (const [name, path, verifyBody] of ladder) {
        const target: Target = { label: `${name} [${level}]`, url: `${atlas.handle.origin}${path}`, method: 'GET', headers: { authorization }, verifyBody };
        await runLoad(target, atlas.handle, warm);
        const run = await runLoad(target, atlas.handle, load);
        steps.push(step('Atlas', level, name, path, run));
        ctx.log(
          `  [log ${level}] ${name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latencyMs.p99} ms, ${run.serverCpuUsPerRequest.toFixed(0)} µs server CPU/request`,
        );
      }
    } finally {
      await atlas.handle.stop();
    }
  }
  return { id: 'breakdown', connections: ctx.connections, durationS: ctx.durationS, steps };
}

export function breakdownTable(report: BreakdownReport): string {
  const base = report.steps.find((s) => s.logLevel === null);
  const lines = ['| log level | step | req/s | vs bare | p99 ms | server CPU µs/request |', '|---|---|---:|---:|---:|---:|'];
  for (const s of report.steps) {
    const ratio = base ? (s.requestsPerSecond / base.requestsPerSecond).toFixed(2) : '';
    lines.push(
      `| ${s.logLevel ?? '—'} | ${s.step} | ${Math.round(s.requestsPerSecond).toLocaleString('en-US')} | ${ratio} | ${s.p99Ms} | ${s.serverCpuUsPerRequest.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}
