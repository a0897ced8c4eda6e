import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultCommands } from '../../src/cli/admin-results.ts';
import { UsageError } from '../../src/cli/args.ts';
import { createTestApp, DIALECTS, type TestApp } from '../harness.ts';
import { type BookingPartner, bookAtCentre, freePartner, get, put, R1, RES2, resultsOutbox } from '../http/proctoring/proctoring-support.ts';
import { runCli, runCliJson } from '../support/cli.ts';
import { createCliTarget } from '../support/cli-target.ts';

/**
 * `admin result …`: the command handlers in process on both dialects (what they change, as the partner API shows
 * it), and the real CLI spawned against the same PostgreSQL schema (SQLite tests use an in-memory database no child
 * process can open, so there the spawned run covers the error path on a fresh data directory).
 */
describe.each(DIALECTS)('admin result commands on %s', { timeout: 90_000 }, (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  const run = (command: string, ...argv: string[]) =>
    (resultCommands[command] as NonNullable<(typeof resultCommands)[string]>)(t.ctx, argv, 'coordinator:ruth');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
  });
  afterAll(() => t.close());

  async function newResult() {
    const { bookingCode } = await bookAtCentre(t, p);
    return (await put(t, p.sandbox, R1(bookingCode), { result: 'FAIL', score: '58' })).json().result_id as string;
  }

  it('releases, amends (with a diff) and invalidates a result of any account as the coordinator', async () => {
    const id = await newResult();
    expect(await run('result release', id)).toMatchObject({ result_id: id, state: 'released' });
    const amended = await run('result amend', id, '--reason', 'appeal upheld', '--outcome', 'PASS', '--score', '70', '--percent', '70');
    expect(amended).toMatchObject({ revision: 2, score_report: { outcome: 'PASS', overall: { raw: '70', percent: 70 } } });
    expect(await run('result invalidate', id, '--reason', 'identity fraud')).toMatchObject({ state: 'invalidated' });
    const history = (await get(t, p.sandbox, `${RES2}/results/${id}/history`)).json();
    expect(history.transitions.map((x: { action: string; actor: string }) => `${x.action}:${x.actor}`)).toEqual([
      expect.stringMatching(/^receive:/),
      'release:coordinator:ruth',
      'amend:coordinator:ruth',
      'invalidate:coordinator:ruth',
    ]);
    expect(history.revisions[1].diff.map((d: { path: string }) => d.path)).toEqual(['/outcome', '/overall/percent', '/overall/raw']);
    const types = (await resultsOutbox(t, p.accountId)).filter((e) => e.entity_id === id && e.service === 'assessment-results').map((e) => e.type);
    expect(types.sort()).toEqual(['assessment_result.amended', 'assessment_result.invalidated', 'assessment_result.released']);
  });

  it('refuses a hold without --reason, a bad --outcome and an unknown result', async () => {
    const id = await newResult();
    await expect(run('result hold', id)).rejects.toThrow(UsageError);
    await expect(run('result amend', id, '--reason', 'x', '--outcome', 'MAYBE')).rejects.toThrow('--outcome takes PASS, FAIL or NA');
    await expect(run('result release', 'res_unknown')).rejects.toMatchObject({ code: 'RESULT_NOT_FOUND' });
    expect((await get(t, p.sandbox, `${RES2}/results/${id}`)).json()).toMatchObject({ state: 'scored', version: 1 });
  });

  it('the spawned CLI acts on the result and prints one JSON object', async () => {
    if (dialect === 'postgres') {
      const id = await newResult();
      const env = { ATLAS_DATABASE_URL: t.database.url as string, ATLAS_ACTOR: 'ruth', ATLAS_DATA_DIR: '/tmp' };
      const released = await runCliJson<{ state: string }>(['admin', 'result', 'release', id], env);
      expect(released.state).toBe('released');
      expect((await get(t, p.sandbox, `${RES2}/results/${id}`)).json().state).toBe('released');
    }
    const target = await createCliTarget(dialect === 'postgres' ? 'postgres' : 'sqlite', 'ruth');
    try {
      const missing = await runCli(['admin', 'result', 'release', 'res_nothing', '--json'], target.env);
      expect(missing.code).toBe(1);
      expect(JSON.parse(missing.stdout)).toEqual({ error: { code: 'RESULT_NOT_FOUND', message: 'no result res_nothing' } });
    } finally {
      await target.close();
    }
  });
});
