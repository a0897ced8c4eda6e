import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { bookingFor, CARDS, card, get, holdFor, type PaymentPartner, paidHold, paymentPartner, post, V2 } from './payment-support.ts';

describe.each(DIALECTS)('Payments (happy paths) on %s', (dialect) => {
  let t: TestApp;
  let p: PaymentPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await paymentPartner(t);
  });
  afterAll(() => t.close());

  it('charges a card for a hold at its price and keeps only brand and last four', async () => {
    const holdId = await holdFor(t, p);
    const response = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card() });
    expect(response.statusCode).toBe(201);
    const payment = response.json();
    expect(payment).toMatchObject({
      state: 'succeeded',
      method: 'card',
      purpose: 'hold',
      hold_id: holdId,
      booking_code: null,
      amount: { amount: 15000, currency: 'USD' },
      refunded: { amount: 0, currency: 'USD' },
      refundable: { amount: 15000, currency: 'USD' },
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030, holder_name: 'Grace Hopper' },
      processor: 'sandbox',
      failure: null,
    });
    expect(payment.payment_id).toMatch(/^pay_/);
    expect(response.headers.location).toBe(`${V2}/payments/${payment.payment_id}`);
    expect((await get(t, p.sandbox, `${V2}/payments/${payment.payment_id}`)).json()).toEqual(payment);
  });

  it('accepts a lower amount for a hold (a voucher applied) and an American Express card with a 4-digit CVC', async () => {
    const holdId = await holdFor(t, p);
    const response = await post(t, p.sandbox, `${V2}/payments`, {
      hold_id: holdId,
      method: 'card',
      card: card(CARDS.amex),
      amount: { amount: 12000, currency: 'USD' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ amount: { amount: 12000 }, card: { brand: 'amex', last4: '0005' } });
  });

  it('records an invoice payment as succeeded at once, without a card', async () => {
    const holdId = await holdFor(t, p);
    const response = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'invoice' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ state: 'succeeded', method: 'invoice', card: null, processor: null });
  });

  it('takes a fee payment on a booking and lists it by booking_code', async () => {
    const booking = await bookingFor(t, p);
    const response = await post(t, p.sandbox, `${V2}/payments`, {
      booking_code: booking.bookingCode,
      fee_kind: 'reschedule_fee',
      method: 'card',
      card: card(),
      amount: { amount: 2500, currency: 'USD' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ purpose: 'fee', fee_kind: 'reschedule_fee', booking_code: booking.bookingCode, hold_id: null });
    const listed = (await get(t, p.sandbox, `${V2}/payments?booking_code=${booking.bookingCode}`)).json();
    expect(listed.data.map((x: { payment_id: string }) => x.payment_id)).toEqual([response.json().payment_id]);
  });

  it('lists payments newest first with cursor paging and filters by hold and state', async () => {
    // Ids sort by creation time: move the clock so these two are the newest, in order.
    t.clock.advance(1000);
    const a = await paidHold(t, p);
    t.clock.advance(1000);
    const b = await paidHold(t, p);
    const first = (await get(t, p.sandbox, `${V2}/payments?page_size=1`)).json();
    expect(first.data[0].payment_id).toBe(b.payment.payment_id);
    const second = (await get(t, p.sandbox, `${V2}/payments?page_size=1&cursor=${first.next_cursor}`)).json();
    expect(second.data[0].payment_id).toBe(a.payment.payment_id);
    const byHold = (await get(t, p.sandbox, `${V2}/payments?hold_id=${a.holdId}`)).json();
    expect(byHold.data.map((x: { payment_id: string }) => x.payment_id)).toEqual([a.payment.payment_id]);
    const succeeded = (await get(t, p.sandbox, `${V2}/payments?state=succeeded&page_size=200`)).json();
    expect(succeeded.data.every((x: { state: string }) => x.state === 'succeeded')).toBe(true);
  });

  it('gives a receipt with the charge, refunds since and totals', async () => {
    const { payment } = await paidHold(t, p);
    await post(t, p.sandbox, `${V2}/payments/${payment.payment_id}/refunds`, { amount: { amount: 4000, currency: 'USD' }, reason: 'Goodwill' });
    const receipt = await get(t, p.sandbox, `${V2}/payments/${payment.payment_id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({
      receipt_number: `R-${payment.payment_id.slice(4).toUpperCase()}`,
      issuer: 'Atlas exam delivery',
      environment: 'sandbox',
      account: { account_code: p.partner.accountCode },
      payment_id: payment.payment_id,
      method: 'card',
      card: { brand: 'visa', last4: '4242', holder_name: 'Grace Hopper' },
      lines: [
        { kind: 'charge', amount: { amount: 15000, currency: 'USD' } },
        { kind: 'refund', amount: { amount: 4000, currency: 'USD' } },
      ],
      totals: { paid: { amount: 15000 }, refunded: { amount: 4000 }, net: { amount: 11000 } },
    });
    expect(receipt.json().lines[0].description).toContain(p.tests.sandbox.testCode);
  });

  it('lists the sandbox test cards', async () => {
    const cards = (await get(t, p.sandbox, `${V2}/test-cards`)).json().data;
    expect(cards.map((c: { number: string; outcome: string }) => [c.number, c.outcome])).toEqual(
      expect.arrayContaining([
        [CARDS.visa, 'succeeded'],
        [CARDS.declined, 'declined'],
        [CARDS.insufficient, 'insufficient_funds'],
        [CARDS.processorError, 'processor_error'],
      ]),
    );
  });
});
