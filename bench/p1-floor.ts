/**
 * Not a target, a yardstick for P1 (`npm run bench -- p1-floor`): how far below bare Fastify two hand-written servers
 * fall on this machine, each in paired rounds against the same bare Fastify baseline as P1.
 * - targets.md's calibration point: bare Fastify plus a SHA-256 token lookup in SQLite (quoted there at ~0.55);
 * - the minimal gateway: the least code that does all of a whoami's per-request work (servers/minimal-gateway.ts).
 * P1 asks Atlas for ≥ 0.40; the minimal gateway's ratio is what no framework, however thin, can beat.
 */
import { startServer } from './lib/children.ts';
import { compare } from './lib/compare.ts';
import { expect, request } from './lib/http.ts';
import type { Target } from './lib/load.ts';
import { type MinimalGatewayOptions, PROBE_BODY } from './lib/protocol.ts';
import type { BenchmarkReport, RunContext } from './lib/report-types.ts';

interface TokenServerInfo {
  path: string;
  token: string;
}

async function yardstick(
  ctx: RunContext,
  id: BenchmarkReport['id'],
  script: string,
  subjectName: string,
  verifyBody: (body: string) => boolean,
  env: Record<string, string> = {},
) {
  const bare = await startServer<{ path: string }>('bare-fastify', 'bare-fastify.ts');
  const subject = await startServer<TokenServerInfo>(id, script, { env });
  try {
    const url = `${subject.origin}${subject.info.path}`;
    const refused = await request(url, { headers: { authorization: 'Bearer not-a-token' } });
    expect(refused.status === 401, `${subjectName} refuses an unknown token`, refused);
    const answered = await request(url, { headers: { authorization: `Bearer ${subject.info.token}` } });
    expect(answered.status === 200 && verifyBody(answered.text), `${subjectName} answers with its token`, answered);
    const baseline: Target = { label: 'bare Fastify GET', url: `${bare.origin}${bare.info.path}`, method: 'GET', verifyBody: (b) => b === PROBE_BODY };
    const target: Target = { label: subjectName, url, method: 'GET', headers: { authorization: `Bearer ${subject.info.token}` }, verifyBody };
    const comparison = await compare({ target: baseline, server: bare }, { target, server: subject }, ctx);
    const report: BenchmarkReport = {
      id,
      title: subjectName,
      baselineName: 'bare Fastify GET (small JSON)',
      subjectName,
      connections: ctx.connections,
      comparison,
      targets: [],
      facts: {},
    };
    return report;
  } finally {
    await Promise.all([bare.stop(), subject.stop()]);
  }
}

const FLOOR_VARIANTS: [string, MinimalGatewayOptions][] = [
  ['minimal gateway: whoami body, access log (all of P1)', { accessLog: true, body: 'whoami' }],
  ['minimal gateway: whoami body, no access log', { accessLog: false, body: 'whoami' }],
  ['minimal gateway: row body, access log', { accessLog: true, body: 'row' }],
  ['minimal gateway: row body, no access log', { accessLog: false, body: 'row' }],
];

export async function runP1Floor(ctx: RunContext): Promise<BenchmarkReport[]> {
  ctx.log('P1 floor: hand-written servers against the same bare Fastify baseline (yardsticks, not targets)');
  const reports = [await yardstick(ctx, 'P1 calibration', 'bare-token-lookup.ts', 'bare Fastify + SHA-256 token lookup in SQLite', (b) => b === PROBE_BODY)];
  for (const [name, options] of FLOOR_VARIANTS) {
    ctx.log(`  ${name}`);
    const verifyBody = (b: string) => b.includes('"account_code":"K7M2Q9XD"') && b.includes('"throttling_tier":"Bench"');
    reports.push(await yardstick(ctx, 'P1 floor', 'minimal-gateway.ts', name, verifyBody, { MINIMAL_GATEWAY_OPTIONS: JSON.stringify(options) }));
  }
  return reports;
}
