/**
 * P1: an authenticated v2 read through the full gateway that reads one row (GET /getting-started/v2/whoami),
 * against bare Fastify answering a small JSON object. Target: ≥ 0.40 of the baseline's requests/s, p99 ≤ 20 ms.
 */
import path from 'node:path';
import { logStats, queryNumber, startAtlas } from './lib/atlas.ts';
import { startServer } from './lib/children.ts';
import { compare } from './lib/compare.ts';
import { basicAuth, expect, FORM, request } from './lib/http.ts';
import type { Target } from './lib/load.ts';
import { type BenchmarkReport, check, type RunContext } from './lib/report-types.ts';

const BARE_BODY = '{"hello":"world","service":"bare-fastify"}';
const WHOAMI = '/getting-started/v2/whoami';

export async function runP1(ctx: RunContext): Promise<BenchmarkReport> {
  ctx.log('P1: authenticated v2 read through the gateway vs bare Fastify GET');
  const bare = await startServer<{ path: string }>('bare-fastify', 'bare-fastify.ts');
  const atlas = await startAtlas(ctx, 'p1');
  const info = atlas.handle.info;
  const profilePrefix = ctx.profileDir ? path.join(ctx.profileDir, `p1-${Date.now()}`) : undefined;
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([bare.stop(), atlas.handle.stop()]);
  };
  try {
    // Before the load: the baseline answers what we think, the gateway refuses without a token, and with one
    // it answers whoami for the partner we created.
    const bareUrl = `${bare.origin}${bare.info.path}`;
    const hello = await request(bareUrl);
    expect(hello.status === 200 && hello.text === BARE_BODY, `bare Fastify answers ${BARE_BODY}`, hello);

    const whoamiUrl = `${atlas.handle.origin}${WHOAMI}`;
    const anonymous = await request(whoamiUrl);
    expect(anonymous.status === 401, 'whoami without a token is refused with 401', anonymous);
    const issued = await request(`${atlas.handle.origin}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basicAuth(info.consumerKey, info.consumerSecret), 'content-type': FORM },
      body: 'grant_type=client_credentials',
    });
    const token = issued.json.access_token;
    expect(issued.status === 200 && typeof token === 'string' && token.startsWith('atk_'), 'the Token API issues an atk_ token', issued);
    const authorization = `Bearer ${token}`;
    const me = await request(whoamiUrl, { headers: { authorization } });
    expect(me.status === 200, 'whoami answers 200 with the token', me);
    expect(me.json.account_code === info.accountCode, `whoami names account ${info.accountCode}`, me);
    expect(me.json.application_id === info.applicationId && me.json.environment === 'production', 'whoami names the application, production', me);
    expect(me.json.throttling_tier === info.tier, `whoami reads the application row (tier ${info.tier})`, me);
    expect(me.headers.get('ratelimit-limit') !== null, 'the throttling stage ran (RateLimit-Limit header)', me);
    ctx.log(`  checked: bare answers ${BARE_BODY}; whoami 401 without token, 200 for account ${info.accountCode} with one`);

    const accountField = `"account_code":"${info.accountCode}"`;
    const baseline: Target = { label: 'bare Fastify GET', url: bareUrl, method: 'GET', verifyBody: (body) => body === BARE_BODY };
    const subject: Target = {
      label: 'Atlas GET whoami',
      url: whoamiUrl,
      method: 'GET',
      headers: { authorization },
      verifyBody: (body) => body.includes(accountField),
    };
    const comparison = await compare({ target: baseline, server: bare }, { target: subject, server: atlas.handle }, { ...ctx, profilePrefix });
    await stopAll();

    // After the load (the server has closed and flushed): the access log and the usage counters saw every request.
    const served = comparison.rounds.reduce((sum, r) => sum + r.subject.totalRequests, 0);
    const log = await logStats(atlas.logFile);
    const usage = queryNumber(info.sqliteFile, "select sum(request_count) as n from usage_minute where operation = 'whoAmI' and status = 200");
    expect(usage >= served, `usage_minute counted every measured whoami (${usage} ≥ ${served})`);
    if (ctx.atlasLogLevel === 'info') expect(log.lines >= served, `the access log has a line per measured request (${log.lines} ≥ ${served})`);
    expect(log.warnOrWorse === 0, `the server logged nothing at warn or above (first: ${log.firstProblem})`);

    return {
      id: 'P1',
      title: 'Authenticated v2 read through the full gateway (whoami) vs bare Fastify GET',
      baselineName: 'bare Fastify GET (small JSON)',
      subjectName: 'Atlas GET /getting-started/v2/whoami',
      connections: ctx.connections,
      comparison,
      targets: [
        check('requests/s vs baseline', comparison.ratio, '>=', 0.4, 'x'),
        check(`p99 latency at ${ctx.connections} connections`, comparison.subject.latencyMs.p99, '<=', 20, 'ms'),
      ],
      facts: {
        atlasLogLevel: info.config.logLevel,
        tokenCacheTtlMs: info.config.tokenCacheTtlMs,
        measuredWhoamiResponses: served,
        usageMinuteWhoamiCount: usage,
        accessLogLines: log.lines,
        accessLogBytes: log.bytes,
      },
    };
  } finally {
    await stopAll();
  }
}
