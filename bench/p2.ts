/**
 * P2: client_credentials token issuance (POST /oauth2/token, HTTP Basic), Atlas against node-oidc-provider configured
 * for the same grant and client authentication. Target: ≥ 2.0× oidc-provider's requests/s.
 */
import path from 'node:path';
import { logStats, queryNumber, startAtlas } from './lib/atlas.ts';
import { startServer } from './lib/children.ts';
import { compare } from './lib/compare.ts';
import { basicAuth, expect, FORM, request } from './lib/http.ts';
import type { Target } from './lib/load.ts';
import type { OidcInfo } from './lib/protocol.ts';
import { type BenchmarkReport, check, type RunContext } from './lib/report-types.ts';

/** The token endpoint's per-client throttle (600/min by default) would refuse almost all of the load: lifted for P2. */
export const P2_TOKEN_REQUESTS_PER_CLIENT_PER_MINUTE = 1_000_000_000;
const GRANT = 'grant_type=client_credentials';

export async function runP2(ctx: RunContext): Promise<BenchmarkReport> {
  ctx.log('P2: client_credentials token issuance vs oidc-provider');
  const oidc = await startServer<OidcInfo>('oidc-provider', 'oidc-provider.ts');
  const atlas = await startAtlas(ctx, 'p2', { tokenRequestsPerClientPerMinute: P2_TOKEN_REQUESTS_PER_CLIENT_PER_MINUTE });
  const info = atlas.handle.info;
  const profilePrefix = ctx.profileDir ? path.join(ctx.profileDir, `p2-${Date.now()}`) : undefined;
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([oidc.stop(), atlas.handle.stop()]);
  };
  try {
    // Before the load: both refuse a wrong secret, both issue a token to the right one, and both tokens are real
    // (oidc-provider's introspects as active; Atlas's opens whoami through the gateway).
    const oidcToken = `${oidc.origin}${oidc.info.tokenPath}`;
    const oidcAuth = basicAuth(oidc.info.clientId, oidc.info.clientSecret);
    const oidcWrong = await request(oidcToken, {
      method: 'POST',
      headers: { authorization: basicAuth(oidc.info.clientId, 'wrong'), 'content-type': FORM },
      body: GRANT,
    });
    expect(oidcWrong.status === 401, 'oidc-provider refuses a wrong client secret', oidcWrong);
    const oidcIssued = await request(oidcToken, { method: 'POST', headers: { authorization: oidcAuth, 'content-type': FORM }, body: GRANT });
    const oidcAccess = oidcIssued.json.access_token;
    expect(oidcIssued.status === 200 && typeof oidcAccess === 'string' && oidcIssued.json.token_type === 'Bearer', 'oidc-provider issues a token', oidcIssued);
    expect(!oidcAccess.includes('.'), 'oidc-provider issues an opaque token (not a JWT)', oidcIssued);
    const introspected = await request(`${oidc.origin}${oidc.info.introspectionPath}`, {
      method: 'POST',
      headers: { authorization: oidcAuth, 'content-type': FORM },
      body: new URLSearchParams({ token: oidcAccess }).toString(),
    });
    expect(
      introspected.json.active === true && introspected.json.client_id === oidc.info.clientId,
      'the oidc-provider token introspects as active',
      introspected,
    );

    const atlasToken = `${atlas.handle.origin}/oauth2/token`;
    const atlasAuth = basicAuth(info.consumerKey, info.consumerSecret);
    const atlasWrong = await request(atlasToken, {
      method: 'POST',
      headers: { authorization: basicAuth(info.consumerKey, 'wrong'), 'content-type': FORM },
      body: GRANT,
    });
    expect(atlasWrong.status === 401, 'Atlas refuses a wrong client secret', atlasWrong);
    const atlasIssued = await request(atlasToken, { method: 'POST', headers: { authorization: atlasAuth, 'content-type': FORM }, body: GRANT });
    const atlasAccess = atlasIssued.json.access_token;
    expect(atlasIssued.status === 200 && typeof atlasAccess === 'string' && atlasAccess.startsWith('atk_'), 'Atlas issues an atk_ token', atlasIssued);
    const me = await request(`${atlas.handle.origin}/getting-started/v2/whoami`, { headers: { authorization: `Bearer ${atlasAccess}` } });
    expect(me.status === 200 && me.json.account_code === info.accountCode, 'the Atlas token opens whoami for its account', me);
    ctx.log('  checked: both refuse a wrong secret with 401; both issue opaque Bearer tokens that are valid (introspection / whoami)');

    const rowsBefore = queryNumber(info.sqliteFile, 'select count(*) as n from access_token');
    const baseline: Target = {
      label: 'oidc-provider POST /token',
      url: oidcToken,
      method: 'POST',
      headers: { authorization: oidcAuth, 'content-type': FORM },
      body: GRANT,
      verifyBody: (body) => body.includes('"access_token":"') && body.includes('"token_type":"Bearer"'),
    };
    const subject: Target = {
      label: 'Atlas POST /oauth2/token',
      url: atlasToken,
      method: 'POST',
      headers: { authorization: atlasAuth, 'content-type': FORM },
      body: GRANT,
      verifyBody: (body) => body.includes('"access_token":"atk_') && body.includes('"token_type":"Bearer"'),
    };
    const comparison = await compare({ target: baseline, server: oidc }, { target: subject, server: atlas.handle }, { ...ctx, profilePrefix });
    await stopAll();

    // After the load: every token Atlas answered with was really stored (as a hash) in SQLite.
    const issuedDuringRounds = comparison.rounds.reduce((sum, r) => sum + r.subject.totalRequests, 0);
    const stored = queryNumber(info.sqliteFile, 'select count(*) as n from access_token') - rowsBefore;
    expect(stored >= issuedDuringRounds, `access_token rows written during the load (${stored}) ≥ tokens measured (${issuedDuringRounds})`);
    const log = await logStats(atlas.logFile);
    expect(log.warnOrWorse === 0, `the server logged nothing at warn or above (first: ${log.firstProblem})`);
    const oidcWarnings = oidc
      .stderr()
      .split('\n')
      .filter((line) => line.trim().length > 0);

    return {
      id: 'P2',
      title: 'client_credentials token issuance vs oidc-provider',
      baselineName: 'oidc-provider 9 (client_credentials, opaque, in-memory adapter)',
      subjectName: 'Atlas POST /oauth2/token',
      connections: ctx.connections,
      comparison,
      targets: [check('requests/s vs oidc-provider', comparison.ratio, '>=', 2.0, 'x')],
      facts: {
        atlasLogLevel: info.config.logLevel,
        tokenRequestsPerClientPerMinute: info.config.tokenRequestsPerClientPerMinute,
        measuredTokenResponses: issuedDuringRounds,
        accessTokenRowsWrittenDuringLoad: stored,
        accessLogLines: log.lines,
        oidcProviderStderr: oidcWarnings.slice(0, 5),
      },
    };
  } finally {
    await stopAll();
  }
}
