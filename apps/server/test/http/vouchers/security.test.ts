import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTest } from '../../factories/catalog.ts';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { batchBody, get, issueBatch, post, V2, type VoucherPartner, voucherPartner } from './voucher-support.ts';

describe.each(DIALECTS)('Voucher API security and v1 mirror on %s', (dialect) => {
  let t: TestApp;
  let p: VoucherPartner;
  let other: VoucherPartner;
  let code: string;
  let batchId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await voucherPartner(t);
    other = await voucherPartner(t);
    const issued = await issueBatch(t, p, { count: 2 });
    code = issued.codes[0] as string;
    batchId = issued.batch.batch_id;
  });
  afterAll(() => t.close());

  it('answers 401 without a token', async () => {
    const response = await t.app.inject({ method: 'POST', url: `${V2}/vouchers/${code}/redeem` });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    expect((await t.app.inject({ url: `${V2}/batches` })).statusCode).toBe(401);
  });

  it('answers 403 to an account without the psiVoucher role, or an application not subscribed', async () => {
    const noRole = await insertPartner(t, { roles: 'psiEligibility', subscribe: 'vouchers' });
    expect((await get(t, await applicationToken(t, noRole.sandbox), `${V2}/batches`)).statusCode).toBe(403);
    const noSubscription = await insertPartner(t, { roles: 'psiVoucher', subscribe: 'eligibility' });
    expect((await get(t, await applicationToken(t, noSubscription.sandbox), `${V2}/batches`)).statusCode).toBe(403);
  });

  it("answers another account's code exactly like an unknown one, and changes nothing", async () => {
    const foreign = await post(t, other.sandbox, `${V2}/vouchers/${code}/redeem`);
    const unknown = await post(t, other.sandbox, `${V2}/vouchers/ZZZZ-ZZZZ-ZZZZ-ZZZZ/redeem`);
    expect(foreign.statusCode).toBe(404);
    const { request_id: _a, detail: foreignDetail, ...foreignBody } = foreign.json();
    const { request_id: _b, detail: unknownDetail, ...unknownBody } = unknown.json();
    expect(foreignBody).toEqual(unknownBody);
    expect(foreignDetail).toBe(`no voucher code ${code}`);
    expect(unknownDetail).toBe('no voucher code ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect((await post(t, other.sandbox, `${V2}/vouchers/${code}/validate`, { test_code: p.tests[0] })).statusCode).toBe(404);
    expect((await get(t, other.sandbox, `${V2}/vouchers/${code}`)).statusCode).toBe(404);
    expect((await get(t, p.sandbox, `${V2}/vouchers/${code}`)).json()).toMatchObject({ state: 'issued', version: 1 });
  });

  it("answers another account's batch with 404 on every batch operation", async () => {
    for (const url of [`/batches/${batchId}`, `/batches/${batchId}/codes`, `/batches/${batchId}/codes.csv`]) {
      const response = await get(t, other.sandbox, `${V2}${url}`);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('VOUCHER_BATCH_NOT_FOUND');
    }
    expect((await post(t, other.sandbox, `${V2}/batches/${batchId}/void`)).statusCode).toBe(404);
    expect((await get(t, other.sandbox, `${V2}/batches`)).json().data.map((b: { batch_id: string }) => b.batch_id)).not.toContain(batchId);
  });

  it('keeps sandbox and production apart: a sandbox code does not exist for a production token', async () => {
    expect((await get(t, p.production, `${V2}/vouchers/${code}`)).statusCode).toBe(404);
    expect((await post(t, p.production, `${V2}/vouchers/${code}/redeem`)).statusCode).toBe(404);
    expect((await get(t, p.production, `${V2}/batches/${batchId}`)).statusCode).toBe(404);
    await insertTest(t, p.partner, { testCode: 'PROD-ONLY', environment: 'production' });
    const production = await post(t, p.production, `${V2}/batches`, batchBody(['PROD-ONLY'], { count: 1 }));
    expect(production.statusCode).toBe(201);
    const sandboxList = (await get(t, p.sandbox, `${V2}/batches?page_size=200`)).json().data.map((b: { batch_id: string }) => b.batch_id);
    expect(sandboxList).not.toContain(production.json().batch_id);
    expect((await get(t, p.production, `${V2}/batches`)).json().data.map((b: { batch_id: string }) => b.batch_id)).toEqual([production.json().batch_id]);
  });

  describe('v1 mirror', () => {
    const v1 = () => `/vouchers/v1/accounts/${p.partner.accountCode}`;

    it('issues, reads, exports and redeems through /vouchers/v1/accounts/{account_code}, marked deprecated', async () => {
      const created = await post(
        t,
        p.sandbox,
        `${v1()}/batches`,
        batchBody([p.tests[0]], { count: 2, discount: { kind: 'amount', amount: { amount: 2500, currency: 'USD' } } }),
      );
      expect(created.statusCode).toBe(201);
      expect(created.headers.deprecation).toBeDefined();
      expect(created.headers.sunset).toBeDefined();
      const batch = created.json();
      expect(batch.discount).toEqual({ kind: 'amount', amount: { amount: 2500, currency: 'USD' } });
      expect((await get(t, p.sandbox, `${v1()}/batches/${batch.batch_id}`)).json().batch_id).toBe(batch.batch_id);
      expect((await get(t, p.sandbox, `${v1()}/batches`)).statusCode).toBe(200);
      const codes = (await get(t, p.sandbox, `${v1()}/batches/${batch.batch_id}/codes`)).json().data;
      expect(codes).toHaveLength(2);
      const csv = await get(t, p.sandbox, `${v1()}/batches/${batch.batch_id}/codes.csv`);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const first = codes[0].code;
      const validation = await post(t, p.sandbox, `${v1()}/vouchers/${first}/validate`, { test_code: p.tests[0] });
      expect(validation.json()).toMatchObject({ valid: true, price: { final: { amount: 12500 } } });
      const reserve = { test_code: p.tests[0], reserved_for: { type: 'booking', id: 'BKG123' } };
      expect((await post(t, p.sandbox, `${v1()}/vouchers/${first}/reserve`, reserve)).json()).toMatchObject({ state: 'reserved' });
      expect((await post(t, p.sandbox, `${v1()}/vouchers/${first}/redeem`, { reserved_for: reserve.reserved_for })).json()).toMatchObject({
        state: 'redeemed',
      });
      expect((await post(t, p.sandbox, `${v1()}/vouchers/${first}/restore`)).json()).toMatchObject({ state: 'restored' });
      expect((await post(t, p.sandbox, `${v1()}/vouchers/${first}/expire`)).json()).toMatchObject({ state: 'expired' });
      expect((await post(t, p.sandbox, `${v1()}/vouchers/${codes[1].code}/void`)).json()).toMatchObject({ state: 'void' });
      expect((await get(t, p.sandbox, `${v1()}/vouchers/${first}`)).json()).toMatchObject({ state: 'expired' });
      expect((await post(t, p.sandbox, `${v1()}/batches/${batch.batch_id}/void`)).json()).toMatchObject({ status: 'void' });
    });

    it('answers refusals in the PSI error model', async () => {
      const { codes } = await issueBatch(t, p, { count: 1 });
      await post(t, p.sandbox, `${v1()}/vouchers/${codes[0]}/redeem`);
      const again = await post(t, p.sandbox, `${v1()}/vouchers/${codes[0]}/redeem`);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toEqual({ error: 'conflict', error_description: `voucher code ${codes[0]} has been used 1 of 1 times` });
    });

    it("answers another account's account_code exactly like an unknown one", async () => {
      const foreign = await get(t, p.sandbox, `/vouchers/v1/accounts/${other.partner.accountCode}/vouchers/${code}`);
      const unknown = await get(t, p.sandbox, `/vouchers/v1/accounts/NOSUCHAC/vouchers/${code}`);
      expect(foreign.statusCode).toBe(unknown.statusCode);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error).toBe(unknown.json().error);
      expect(foreign.json().error_description.replace(other.partner.accountCode, 'X')).toBe(unknown.json().error_description.replace('NOSUCHAC', 'X'));
    });

    it('answers 401 without a token on v1 too', async () => {
      const response = await t.app.inject({ url: `${v1()}/batches`, headers: bearer('atk_nonsense') });
      expect(response.statusCode).toBe(401);
    });
  });
});
