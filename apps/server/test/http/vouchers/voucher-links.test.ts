import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEligibilityVoucherCodes, releaseEligibilityVouchers, replaceEligibilityVouchers } from '../../../src/modules/vouchers/voucher-links.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { get, issueBatch, post, V2, type VoucherPartner, voucherPartner } from './voucher-support.ts';

describe.each(DIALECTS)('Linking vouchers to eligibilities (PSI E6) on %s', (dialect) => {
  let t: TestApp;
  let p: VoucherPartner;
  let scope: { accountId: string; environment: 'sandbox'; actor: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await voucherPartner(t);
    scope = { accountId: p.accountId, environment: 'sandbox', actor: 'partner-application:test' };
  });
  afterAll(() => t.close());

  function replace(eligibilityId: string, codes: string[], testCode = p.tests[0]) {
    return t.ctx.db.transaction().execute((trx) => replaceEligibilityVouchers(trx, t.ctx, scope, eligibilityId, testCode, codes));
  }
  const stateOf = async (code: string) => (await get(t, p.sandbox, `${V2}/vouchers/${code}`)).json();

  it('reserves the listed codes, then replaces the set: new ones reserved, dropped ones back to issued', async () => {
    const { codes } = await issueBatch(t, p, { count: 3 });
    const [a, b, c] = codes as [string, string, string];
    expect(await replace('elg_replace', [a, b.toLowerCase()])).toEqual({ codes: [a, b] });
    expect(await listEligibilityVoucherCodes(t.ctx.db, scope, 'elg_replace')).toEqual([a, b].sort());
    expect(await stateOf(a)).toMatchObject({ state: 'reserved', reserved_for: { type: 'eligibility', id: 'elg_replace' } });

    await replace('elg_replace', [b, c]);
    expect(await listEligibilityVoucherCodes(t.ctx.db, scope, 'elg_replace')).toEqual([b, c].sort());
    expect(await stateOf(a)).toMatchObject({ state: 'issued', reserved_for: null });
    expect(await stateOf(b)).toMatchObject({ state: 'reserved', version: 2 });
  });

  it('clears the set with an empty list', async () => {
    const { codes } = await issueBatch(t, p, { count: 2 });
    await replace('elg_clear', codes);
    expect(await replace('elg_clear', [])).toEqual({ codes: [] });
    expect(await listEligibilityVoucherCodes(t.ctx.db, scope, 'elg_clear')).toEqual([]);
    for (const code of codes) expect(await stateOf(code)).toMatchObject({ state: 'issued' });
  });

  it('rejects a code reserved by another eligibility and changes nothing', async () => {
    const { codes } = await issueBatch(t, p, { count: 2 });
    const [mine, theirs] = codes as [string, string];
    await replace('elg_other', [theirs]);
    await replace('elg_mine', [mine]);
    await expect(replace('elg_mine', [theirs])).rejects.toMatchObject({
      code: 'VOUCHER_RESERVED',
      detail: `voucher code ${theirs} is reserved for another eligibility or booking`,
    });
    expect(await listEligibilityVoucherCodes(t.ctx.db, scope, 'elg_mine')).toEqual([mine]);
    expect(await listEligibilityVoucherCodes(t.ctx.db, scope, 'elg_other')).toEqual([theirs]);
  });

  it('names the first bad code: unknown, expired, void, used or not applicable', async () => {
    const { codes } = await issueBatch(t, p, { count: 4 });
    const [good, voided, used, expired] = codes as [string, string, string, string];
    await post(t, p.sandbox, `${V2}/vouchers/${voided}/void`);
    await post(t, p.sandbox, `${V2}/vouchers/${used}/redeem`);
    await post(t, p.sandbox, `${V2}/vouchers/${expired}/expire`);
    await expect(replace('elg_bad', [good, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ'])).rejects.toMatchObject({
      code: 'VOUCHER_NOT_FOUND',
      detail: 'no voucher code ZZZZ-ZZZZ-ZZZZ-ZZZZ',
    });
    await expect(replace('elg_bad', [good, voided, used])).rejects.toMatchObject({ code: 'VOUCHER_VOID' });
    await expect(replace('elg_bad', [used, voided])).rejects.toMatchObject({ code: 'VOUCHER_ALREADY_REDEEMED' });
    await expect(replace('elg_bad', [expired])).rejects.toMatchObject({ code: 'VOUCHER_EXPIRED' });
    await expect(replace('elg_bad', [good], p.tests[1])).rejects.toMatchObject({ code: 'VOUCHER_NOT_APPLICABLE' });
    expect(await stateOf(good)).toMatchObject({ state: 'issued' });
  });

  it('keeps codes already reserved for the eligibility untouched when listed again', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    await replace('elg_same', codes);
    await replace('elg_same', codes);
    expect(await stateOf(codes[0] as string)).toMatchObject({ state: 'reserved', version: 2 });
  });

  it('releases every code on cancellation', async () => {
    const { codes } = await issueBatch(t, p, { count: 2 });
    await replace('elg_cancel', codes);
    await t.ctx.db.transaction().execute((trx) => releaseEligibilityVouchers(trx, t.ctx, scope, 'elg_cancel'));
    expect(await listEligibilityVoucherCodes(t.ctx.db, scope, 'elg_cancel')).toEqual([]);
    for (const code of codes) expect(await stateOf(code)).toMatchObject({ state: 'issued' });
  });

  it('does not see codes of the other environment or another account', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    await expect(
      t.ctx.db.transaction().execute((trx) => replaceEligibilityVouchers(trx, t.ctx, { ...scope, environment: 'production' }, 'elg_env', p.tests[0], codes)),
    ).rejects.toMatchObject({ code: 'VOUCHER_NOT_FOUND' });
    const other = await voucherPartner(t);
    await expect(
      t.ctx.db.transaction().execute((trx) => replaceEligibilityVouchers(trx, t.ctx, { ...scope, accountId: other.accountId }, 'elg_acc', p.tests[0], codes)),
    ).rejects.toMatchObject({ code: 'VOUCHER_NOT_FOUND' });
  });

  it("rolls back with the caller's transaction", async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await replaceEligibilityVouchers(trx, t.ctx, scope, 'elg_rollback', p.tests[0], codes);
        throw new Error('the eligibility change failed');
      }),
    ).rejects.toThrow('the eligibility change failed');
    expect(await stateOf(codes[0] as string)).toMatchObject({ state: 'issued', version: 1 });
  });
});
