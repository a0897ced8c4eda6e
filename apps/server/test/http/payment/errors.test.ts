import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { CARDS, card, get, holdFor, type PaymentPartner, paymentPartner, post, V2 } from './payment-support.ts';

describe.each(DIALECTS)('Payment refusals on %s', (dialect) => {
  let t: TestApp;
  let p: PaymentPartner;
  const v1 = () => `/payment/v1/accounts/${p.partner.accountCode}`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await paymentPartner(t);
  });
  afterAll(() => t.close());

  async function rowCounts() {
    const payments = await t.ctx.db
      .selectFrom('payment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refunds = await t.ctx.db
      .selectFrom('refund')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { payments: Number(payments.n), refunds: Number(refunds.n) };
  }

  for (const [number, code, status] of [
    [CARDS.declined, 'PAYMENT_DECLINED', 402],
    [CARDS.insufficient, 'PAYMENT_INSUFFICIENT_FUNDS', 402],
    [CARDS.processorError, 'PAYMENT_PROCESSOR_ERROR', 502],
  ] as const) {
    it(`answers ${code} (${status}) in problem+json, records the payment failed, and leaves the hold payable`, async () => {
      const holdId = await holdFor(t, p);
      const response = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card(number) });
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status, code });
      const failed = (await get(t, p.sandbox, `${V2}/payments?hold_id=${holdId}`)).json().data;
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ state: 'failed', failure: { code }, card: { last4: number.slice(-4) }, refundable: { amount: 0 } });
      expect((await get(t, p.sandbox, `${V2}/payments?state=failed&page_size=200`)).json().data.map((x: { payment_id: string }) => x.payment_id)).toContain(
        failed[0].payment_id,
      );
      const hold = await t.ctx.db.selectFrom('hold').select(['state']).where('id', '=', holdId).executeTakeFirstOrThrow();
      expect(hold.state).toBe('active');
      expect((await get(t, p.sandbox, `${V2}/payments/${failed[0].payment_id}/receipt`)).statusCode).toBe(409);
      // The failed attempt does not block a new one with a good card.
      expect((await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card() })).statusCode).toBe(201);
    });
  }

  it('answers a decline in the PSI error model on v1', async () => {
    const holdId = await holdFor(t, p);
    const response = await post(t, p.sandbox, `${v1()}/payments`, { hold_id: holdId, method: 'card', card: card(CARDS.declined) });
    expect(response.statusCode).toBe(402);
    expect(response.json()).toEqual({ error: 'payment_required', error_description: expect.stringMatching(/declined/) });
    const error = await post(t, p.sandbox, `${v1()}/payments`, { hold_id: holdId, method: 'card', card: card(CARDS.processorError) });
    expect(error.statusCode).toBe(502);
    expect(error.json()).toMatchObject({ error: 'server_error' });
  });

  it('names every bad field with 400 and writes nothing', async () => {
    const before = await rowCounts();
    const holdId = await holdFor(t, p);
    const schema = await post(t, p.sandbox, `${V2}/payments`, {
      hold_id: 'nope',
      method: 'cash',
      card: { number: 'x', exp_month: 13, exp_year: 2030, cvc: '1' },
    });
    expect(schema.statusCode).toBe(400);
    const pointers = schema.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/hold_id', '/body/method', '/body/card/number', '/body/card/exp_month', '/body/card/cvc']));
    const luhn = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card('4242424242424241', { exp_year: 2025 }) });
    expect(luhn.statusCode).toBe(400);
    expect(luhn.json()).toMatchObject({ code: 'PAYMENT_CARD_INVALID' });
    expect(luhn.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/card/number', '/body/card/exp_year']);
    expect(luhn.body).not.toContain('4242424242424241');
    const shape = await post(t, p.sandbox, `${V2}/payments`, { method: 'card' });
    expect(shape.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/hold_id', '/body/card']);
    const invoiceWithCard = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'invoice', card: card() });
    expect(invoiceWithCard.json().errors).toEqual([{ pointer: '/body/card', message: 'must be absent for method invoice' }]);
    const bookingWithoutAmount = await post(t, p.sandbox, `${V2}/payments`, { booking_code: 'ABC', method: 'invoice' });
    expect(bookingWithoutAmount.json().errors).toEqual([{ pointer: '/body/amount', message: 'is required for a booking payment' }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses more than the hold price, another currency, an expired hold, an unknown hold, and a second payment', async () => {
    const holdId = await holdFor(t, p);
    const over = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'invoice', amount: { amount: 15001, currency: 'USD' } });
    expect(over.json()).toMatchObject({ status: 422, code: 'PAYMENT_AMOUNT_MISMATCH' });
    const currency = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'invoice', amount: { amount: 100, currency: 'EUR' } });
    expect(currency.json()).toMatchObject({ status: 422, code: 'PAYMENT_AMOUNT_MISMATCH' });
    const expired = await holdFor(t, p, { expiresInSeconds: -1 });
    expect((await post(t, p.sandbox, `${V2}/payments`, { hold_id: expired, method: 'card', card: card() })).json()).toMatchObject({
      status: 409,
      code: 'PAYMENT_HOLD_NOT_ACTIVE',
    });
    const unknown = await post(t, p.sandbox, `${V2}/payments`, { hold_id: 'hld_0000000000000000000000000a', method: 'invoice' });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'PAYMENT_HOLD_NOT_FOUND' });
    expect((await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'invoice' })).statusCode).toBe(201);
    expect((await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card() })).json()).toMatchObject({
      status: 409,
      code: 'PAYMENT_HOLD_ALREADY_PAID',
    });
    expect((await get(t, p.sandbox, `${V2}/payments?hold_id=${holdId}`)).json().data).toHaveLength(1);
  });

  it('refuses a bad statement month and an unknown payment', async () => {
    expect((await get(t, p.sandbox, `${V2}/statements/2026-13`)).json()).toMatchObject({ status: 400, code: 'PAYMENT_STATEMENT_MONTH_INVALID' });
    expect((await get(t, p.sandbox, `${V2}/payments/pay_0000000000000000000000000a`)).json()).toMatchObject({ status: 404, code: 'PAYMENT_NOT_FOUND' });
    expect((await get(t, p.sandbox, `${V2}/payments/pay_nonsense`)).statusCode).toBe(400);
  });
});
