import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByCode } from '../../../src/modules/identity/account.repository.ts';
import { seedDemoTestPublication } from '../../../src/modules/test-publication/demo.ts';
import { seedDemoVouchers } from '../../../src/modules/vouchers/demo.ts';
import { insertPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('Voucher demo seed on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  async function demoAccount() {
    const partner = await insertPartner(t);
    const account = await findAccountByCode(t.ctx.db, partner.accountCode);
    return { accountId: account?.id as string, accountCode: partner.accountCode };
  }

  it('seeds a full-price and a 20 % batch in each environment for the published demo tests', async () => {
    const demo = await demoAccount();
    await seedDemoTestPublication(t.ctx, demo);
    await seedDemoVouchers(t.ctx, demo);
    const batches = await t.ctx.db.selectFrom('voucher_batch').selectAll().where('account_id', '=', demo.accountId).orderBy('id').execute();
    for (const environment of ['sandbox', 'production']) {
      const mine = batches.filter((b) => b.environment === environment);
      expect(mine.map((b) => b.discount_kind).sort()).toEqual(['full', 'percent']);
      expect(mine.find((b) => b.discount_kind === 'percent')?.discount_percent).toBe(20);
    }
    const redeemed = await t.ctx.db.selectFrom('voucher').select('id').where('account_id', '=', demo.accountId).where('state', '=', 'redeemed').execute();
    expect(redeemed).toHaveLength(4);
  });

  it('seeds nothing for an account without tests', async () => {
    const demo = await demoAccount();
    await seedDemoVouchers(t.ctx, demo);
    expect(await t.ctx.db.selectFrom('voucher_batch').select('id').where('account_id', '=', demo.accountId).execute()).toEqual([]);
  });
});
