import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { get, issueBatch, post, V2, type VoucherPartner, voucherPartner } from './voucher-support.ts';

describe.each(DIALECTS)('Voucher redemption under concurrency on %s', (dialect) => {
  let t: TestApp;
  let p: VoucherPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await voucherPartner(t);
  });
  afterAll(() => t.close());

  it('redeems a single-use code exactly once out of 50 parallel requests; the others get a clean 409', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.json()).toMatchObject({ code: 'VOUCHER_ALREADY_REDEEMED', detail: `voucher code ${codes[0]} has been used 1 of 1 times` });
    }
    const voucher = (await get(t, p.sandbox, `${V2}/vouchers/${codes[0]}`)).json();
    expect(voucher).toMatchObject({ state: 'redeemed', uses: 1, max_uses: 1, version: 2 });
  });

  it('never uses a 3-use code more than 3 times under 50 parallel redemptions', async () => {
    const { codes } = await issueBatch(t, p, { count: 1, max_uses: 3 });
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`)));
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(47);
    expect((await get(t, p.sandbox, `${V2}/vouchers/${codes[0]}`)).json()).toMatchObject({ uses: 3, state: 'redeemed' });
  });

  it('reserves a code for exactly one of 20 eligibilities racing for it', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/reserve`, { test_code: p.tests[0], reserved_for: { type: 'eligibility', id: `elg_${i}` } }),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const refused = responses.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.json()).toMatchObject({ status: 409, code: 'VOUCHER_RESERVED' });
  });

  it('lets the database itself refuse a use beyond the limit', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    await expect(
      t.ctx.db
        .updateTable('voucher')
        .set({ uses: 2 })
        .where('code', '=', codes[0] as string)
        .execute(),
    ).rejects.toThrow();
  });
});
