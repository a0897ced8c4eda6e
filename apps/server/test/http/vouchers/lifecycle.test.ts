import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireVouchers } from '../../../src/modules/vouchers/vouchers.jobs.ts';
import { applicationToken } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { get, issueBatch, post, V2, type VoucherPartner, voucherPartner } from './voucher-support.ts';

const ELIGIBILITY = { type: 'eligibility', id: 'elg_one' };

describe.each(DIALECTS)('Voucher code lifecycle on %s', (dialect) => {
  let t: TestApp;
  let p: VoucherPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await voucherPartner(t);
  });
  afterAll(() => t.close());

  it('reads a code, whatever case and dashes the partner typed', async () => {
    const { codes, batch } = await issueBatch(t, p, { count: 1 });
    const code = codes[0] as string;
    const response = await get(t, p.sandbox, `${V2}/vouchers/${code.toLowerCase().replace(/-/g, '')}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code, batch_id: batch.batch_id, state: 'issued', discount: { kind: 'full' }, applies_to: [p.tests[0]] });
  });

  it('validates a code for a test without reserving it, with the price left to pay', async () => {
    const { codes } = await issueBatch(t, p, { count: 1, discount: { kind: 'percent', percent: 20 } });
    const response = await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/validate`, { test_code: p.tests[0] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      valid: true,
      reason: null,
      discount: { kind: 'percent', percent: 20 },
      applies_to: [p.tests[0]],
      price: { original: { amount: 15000, currency: 'USD' }, discount: { amount: 3000, currency: 'USD' }, final: { amount: 12000, currency: 'USD' } },
    });
    expect((await get(t, p.sandbox, `${V2}/vouchers/${codes[0]}`)).json()).toMatchObject({ state: 'issued', version: 1 });
  });

  it('says a code is not valid for a test its batch does not cover', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    const response = await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/validate`, { test_code: p.tests[1] });
    expect(response.json()).toMatchObject({ valid: false, reason: 'VOUCHER_NOT_APPLICABLE', price: null });
  });

  it('reserves, redeems, restores and reuses a code, growing its version each time', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    const url = `${V2}/vouchers/${codes[0]}`;
    const reserved = await post(t, p.sandbox, `${url}/reserve`, { test_code: p.tests[0], reserved_for: ELIGIBILITY });
    expect(reserved.statusCode).toBe(200);
    expect(reserved.json()).toMatchObject({ state: 'reserved', reserved_for: { ...ELIGIBILITY, reserved_at: t.clock.now().toISOString() }, version: 2 });
    const again = await post(t, p.sandbox, `${url}/reserve`, { test_code: p.tests[0], reserved_for: ELIGIBILITY });
    expect(again.json()).toMatchObject({ state: 'reserved', version: 2 });
    const redeemed = await post(t, p.sandbox, `${url}/redeem`, { reserved_for: ELIGIBILITY });
    expect(redeemed.json()).toMatchObject({ state: 'redeemed', uses: 1, reserved_for: null, redeemed_at: expect.any(String), version: 3 });
    const restored = await post(t, p.sandbox, `${url}/restore`);
    expect(restored.json()).toMatchObject({ state: 'restored', uses: 0, version: 4 });
    const reused = await post(t, p.sandbox, `${url}/redeem`, { test_code: p.tests[0] });
    expect(reused.json()).toMatchObject({ state: 'redeemed', uses: 1, version: 5 });
  });

  it('audits every transition with the previous and new state', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    const redeemed = (await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`)).json();
    const voucher = await t.ctx.db.selectFrom('voucher').select('id').where('code', '=', redeemed.code).executeTakeFirstOrThrow();
    const audit = await t.ctx.db.selectFrom('audit_event').selectAll().where('target_id', '=', voucher.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'voucher.redeemed', actor: `partner-application:${p.partner.applicationId}`, account_id: p.accountId });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ previous_state: 'issued', state: 'redeemed', uses: 1, version: 2 });
  });

  it('restores a reserved code by dropping its reservation', async () => {
    const { codes } = await issueBatch(t, p, { count: 1 });
    await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/reserve`, { test_code: p.tests[0], reserved_for: ELIGIBILITY });
    const restored = await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/restore`);
    expect(restored.json()).toMatchObject({ state: 'restored', uses: 0, reserved_for: null });
  });

  it('lets a multi-use code be redeemed up to its limit', async () => {
    const { codes } = await issueBatch(t, p, { count: 1, max_uses: 2 });
    const url = `${V2}/vouchers/${codes[0]}/redeem`;
    expect((await post(t, p.sandbox, url)).json()).toMatchObject({ uses: 1, max_uses: 2 });
    expect((await post(t, p.sandbox, url)).json()).toMatchObject({ uses: 2 });
    expect((await post(t, p.sandbox, url)).json()).toMatchObject({ status: 409, code: 'VOUCHER_ALREADY_REDEEMED' });
  });

  describe('refusals name their reason', () => {
    it('refuses a redeemed single-use code: VOUCHER_ALREADY_REDEEMED', async () => {
      const { codes } = await issueBatch(t, p, { count: 1 });
      await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`);
      const response = await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'VOUCHER_ALREADY_REDEEMED', detail: `voucher code ${codes[0]} has been used 1 of 1 times` });
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/validate`, { test_code: p.tests[0] })).json()).toMatchObject({
        valid: false,
        reason: 'VOUCHER_ALREADY_REDEEMED',
      });
    });

    it('refuses a voided code: VOUCHER_VOID, for every use', async () => {
      const { codes } = await issueBatch(t, p, { count: 1 });
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/void`)).json()).toMatchObject({ state: 'void' });
      for (const [action, body] of [
        ['redeem', undefined],
        ['reserve', { test_code: p.tests[0], reserved_for: ELIGIBILITY }],
        ['restore', undefined],
        ['void', undefined],
        ['expire', undefined],
      ] as const) {
        const response = await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/${action}`, body);
        expect(response.statusCode, action).toBe(409);
        expect(response.json().code, action).toBe('VOUCHER_VOID');
      }
    });

    it('refuses an expired code: VOUCHER_EXPIRED, once the date passed and after an explicit expiry', async () => {
      const { codes } = await issueBatch(t, p, { count: 2, expires_at: '2026-02-01T00:00:00Z' });
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/expire`)).json()).toMatchObject({ state: 'expired' });
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`)).json()).toMatchObject({ status: 409, code: 'VOUCHER_EXPIRED' });
      t.clock.set('2026-02-01T00:00:00.000Z');
      try {
        // moving the clock a month also ages the token: take a new one
        const token = await applicationToken(t, p.partner.sandbox);
        const late = await post(t, token, `${V2}/vouchers/${codes[1]}/redeem`);
        expect(late.json()).toMatchObject({ status: 409, code: 'VOUCHER_EXPIRED', detail: `voucher code ${codes[1]} expired at 2026-02-01T00:00:00.000Z` });
        const validation = await post(t, token, `${V2}/vouchers/${codes[1]}/validate`, { test_code: p.tests[0] });
        expect(validation.json()).toMatchObject({ valid: false, reason: 'VOUCHER_EXPIRED' });
      } finally {
        t.clock.set('2026-01-05T09:00:00.000Z');
      }
    });

    it('refuses a code reserved for another holder: VOUCHER_RESERVED', async () => {
      const { codes } = await issueBatch(t, p, { count: 1 });
      await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/reserve`, { test_code: p.tests[0], reserved_for: ELIGIBILITY });
      const other = { test_code: p.tests[0], reserved_for: { type: 'eligibility', id: 'elg_two' } };
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/reserve`, other)).json()).toMatchObject({ status: 409, code: 'VOUCHER_RESERVED' });
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`)).json()).toMatchObject({ status: 409, code: 'VOUCHER_RESERVED' });
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/validate`, { test_code: p.tests[0] })).json()).toMatchObject({
        valid: false,
        reason: 'VOUCHER_RESERVED',
      });
    });

    it('refuses a test the code does not cover: VOUCHER_NOT_APPLICABLE (422)', async () => {
      const { codes } = await issueBatch(t, p, { count: 1 });
      const response = await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/reserve`, { test_code: p.tests[1], reserved_for: ELIGIBILITY });
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('VOUCHER_NOT_APPLICABLE');
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`, { test_code: p.tests[1] })).statusCode).toBe(422);
    });

    it('refuses to restore a code that is not in use: VOUCHER_NOT_IN_USE', async () => {
      const { codes } = await issueBatch(t, p, { count: 1 });
      expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/restore`)).json()).toMatchObject({ status: 409, code: 'VOUCHER_NOT_IN_USE' });
    });

    it('answers an unknown code with 404 VOUCHER_NOT_FOUND on every operation', async () => {
      for (const action of ['validate', 'reserve', 'redeem', 'restore', 'expire', 'void']) {
        const body =
          action === 'validate' ? { test_code: p.tests[0] } : action === 'reserve' ? { test_code: p.tests[0], reserved_for: ELIGIBILITY } : undefined;
        const response = await post(t, p.sandbox, `${V2}/vouchers/ZZZZ-ZZZZ-ZZZZ-ZZZZ/${action}`, body);
        expect(response.statusCode, action).toBe(404);
        expect(response.json().code).toBe('VOUCHER_NOT_FOUND');
      }
      expect((await get(t, p.sandbox, `${V2}/vouchers/ZZZZ-ZZZZ-ZZZZ-ZZZZ`)).statusCode).toBe(404);
    });

    it('refuses a reservation without its holder, naming the fields', async () => {
      const { codes } = await issueBatch(t, p, { count: 1 });
      const response = await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/reserve`, { reserved_for: { type: 'cart', id: '=cmd' } });
      expect(response.statusCode).toBe(400);
      const pointers = response.json().errors.map((e: { pointer: string }) => e.pointer);
      expect(pointers).toEqual(expect.arrayContaining(['/body/test_code']));
    });
  });

  it('expires usable codes past their date in the worker job, leaving used ones alone', async () => {
    const { batch, codes } = await issueBatch(t, p, { count: 3, expires_at: '2026-03-01T00:00:00Z' });
    await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`);
    await post(t, p.sandbox, `${V2}/vouchers/${codes[1]}/reserve`, { test_code: p.tests[0], reserved_for: ELIGIBILITY });
    expect(await expireVouchers(t.ctx)).toBe(0);
    t.clock.set('2026-03-01T00:00:01.000Z');
    try {
      expect(await expireVouchers(t.ctx)).toBeGreaterThanOrEqual(2);
      const token = await applicationToken(t, p.partner.sandbox);
      const after = (await get(t, token, `${V2}/batches/${batch.batch_id}`)).json();
      expect(after.codes_by_state).toMatchObject({ redeemed: 1, expired: 2, issued: 0, reserved: 0 });
      const audit = await t.ctx.db
        .selectFrom('audit_event')
        .selectAll()
        .where('target_id', '=', batch.batch_id)
        .where('action', '=', 'voucher.expired')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor).toBe('system');
      expect(await expireVouchers(t.ctx)).toBe(0);
    } finally {
      t.clock.set('2026-01-05T09:00:00.000Z');
    }
  });
});
