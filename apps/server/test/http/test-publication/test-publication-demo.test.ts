import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByCode } from '../../../src/modules/identity/account.repository.ts';
import { DEMO_TEST_CODES, seedDemoTestPublication } from '../../../src/modules/test-publication/demo.ts';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, V2 } from './test-bodies.ts';

describe.each(DIALECTS)('Test Publication demo seed on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    partner = await insertPartner(t, { roles: 'psiTestPublication', subscribe: 'test-publication' });
    const account = await findAccountByCode(t.ctx.db, partner.accountCode);
    await seedDemoTestPublication(t.ctx, { accountId: account?.id as string, accountCode: partner.accountCode });
  });
  afterAll(() => t.close());

  it.each(['sandbox', 'production'] as const)('gives the %s environment published, draft and retired tests in USD and GBP', async (environment) => {
    const token = await applicationToken(t, partner[environment]);
    const tests = (await call(t, token, 'GET', `${V2}/tests`)).json().data as {
      test_code: string;
      state: string;
      version: number;
      price: { currency: string };
    }[];
    const byCode = Object.fromEntries(tests.map((test) => [test.test_code, test]));
    expect(Object.keys(byCode).sort()).toEqual(Object.values(DEMO_TEST_CODES).sort());
    expect(byCode[DEMO_TEST_CODES.nursing]).toMatchObject({ state: 'published', version: 2 });
    expect(byCode[DEMO_TEST_CODES.pharmacyDraft]?.state).toBe('draft');
    expect(byCode[DEMO_TEST_CODES.retired]?.state).toBe('retired');
    expect(new Set(tests.map((test) => test.price.currency))).toEqual(new Set(['USD', 'GBP']));
    const first = (await call(t, token, 'GET', `${V2}/tests/${DEMO_TEST_CODES.nursing}/versions/1`)).json();
    expect(first).toMatchObject({ is_current: false, price: { amount: 20000, currency: 'USD' } });
  });

  it('changes nothing when it runs again', async () => {
    const account = await findAccountByCode(t.ctx.db, partner.accountCode);
    const before = await t.ctx.db
      .selectFrom('test_version')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    await seedDemoTestPublication(t.ctx, { accountId: account?.id as string, accountCode: partner.accountCode });
    const after = await t.ctx.db
      .selectFrom('test_version')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });
});
