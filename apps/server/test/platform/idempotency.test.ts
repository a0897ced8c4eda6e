import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByCode } from '../../src/modules/identity/account.repository.ts';
import { recordAudit } from '../../src/modules/identity/audit.ts';
import { runIdempotent } from '../../src/platform/idempotency/idempotency.ts';
import { insertPartner } from '../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../harness.ts';

describe.each(DIALECTS)('Idempotency-Key on %s', (dialect) => {
  let t: TestApp;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const partner = await insertPartner(t);
    accountId = (await findAccountByCode(t.ctx.db, partner.accountCode))?.id as string;
  });
  afterAll(() => t.close());

  /** The effect under test: one audit row per real execution. */
  const effect = (marker: string) => async (trx: Parameters<Parameters<typeof runIdempotent>[2]>[0]) => {
    const id = t.ctx.ids.id('auditEvent');
    await recordAudit(trx, t.ctx, { actor: 'test', accountId, action: 'probe.created', targetType: 'probe', targetId: marker });
    return { status: 201, body: { id, marker } };
  };
  const countEffects = async (marker: string) =>
    (await t.ctx.db.selectFrom('audit_event').select('id').where('action', '=', 'probe.created').where('target_id', '=', marker).execute()).length;

  it('runs the work once for 50 concurrent requests with one key and gives all of them the same answer', async () => {
    const scope = { accountId, environment: 'sandbox' as const, operation: 'createProbe', key: 'key-concurrent', request: { amount: 100, currency: 'USD' } };
    const results = await Promise.all(Array.from({ length: 50 }, () => runIdempotent(t.ctx, scope, effect('concurrent'))));
    expect(await countEffects('concurrent')).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.status === 201)).toBe(true);
  });

  it('treats reordered JSON keys as the same request and refuses a different body under the same key', async () => {
    const base = { accountId, environment: 'sandbox' as const, operation: 'createProbe', key: 'key-body' };
    await runIdempotent(t.ctx, { ...base, request: { a: 1, b: 2 } }, effect('body'));
    const replay = await runIdempotent(t.ctx, { ...base, request: { b: 2, a: 1 } }, effect('body'));
    expect(replay.replayed).toBe(true);
    await expect(runIdempotent(t.ctx, { ...base, request: { a: 1, b: 3 } }, effect('body'))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
    expect(await countEffects('body')).toBe(1);
  });

  it('scopes keys by environment and operation, and forgets a key whose work failed', async () => {
    const base = { accountId, operation: 'createProbe', key: 'key-scope', request: {} };
    await runIdempotent(t.ctx, { ...base, environment: 'sandbox' }, effect('scope'));
    await runIdempotent(t.ctx, { ...base, environment: 'production' }, effect('scope'));
    await runIdempotent(t.ctx, { ...base, environment: 'production', operation: 'createOther' }, effect('scope'));
    expect(await countEffects('scope')).toBe(3);

    const failing = { ...base, environment: 'sandbox' as const, key: 'key-failing' };
    await expect(
      runIdempotent(t.ctx, failing, async () => {
        throw new Error('declined');
      }),
    ).rejects.toThrow('declined');
    const retried = await runIdempotent(t.ctx, failing, effect('retried'));
    expect(retried.replayed).toBe(false);
    expect(await countEffects('retried')).toBe(1);
  });
});
