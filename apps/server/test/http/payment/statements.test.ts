import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { bookingFor, get, holdFor, type PaymentPartner, paidHold, paymentPartner, post, V2 } from './payment-support.ts';

describe.each(DIALECTS)('Monthly invoice statements on %s', (dialect) => {
  let t: TestApp;
  let p: PaymentPartner;
  let other: PaymentPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await paymentPartner(t);
    other = await paymentPartner(t);
  });
  afterAll(() => t.close());

  /** Fresh tokens after moving the clock (access tokens live an hour). */
  async function refreshTokens() {
    for (const partner of [p, other]) {
      partner.sandbox = await applicationToken(t, partner.partner.sandbox);
      partner.production = await applicationToken(t, partner.partner.production);
    }
  }

  async function invoice(partner: PaymentPartner, amount: number, environment: 'sandbox' | 'production' = 'sandbox') {
    const hold = await holdFor(t, partner, { environment, price: { amount, currency: 'USD' } });
    const response = await post(t, environment === 'sandbox' ? partner.sandbox : partner.production, `${V2}/payments`, { hold_id: hold, method: 'invoice' });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it("lists a month's invoice charges and refunds with totals, and nothing of other months, accounts or environments", async () => {
    t.clock.set('2026-02-27T10:00:00.000Z');
    await refreshTokens();
    await invoice(p, 1111); // February: not in March
    t.clock.set('2026-03-02T10:00:00.000Z');
    await refreshTokens();
    const a = await invoice(p, 15000);
    t.clock.set('2026-03-10T10:00:00.000Z');
    await refreshTokens();
    const b = await invoice(p, 8000);
    const booking = await bookingFor(t, p);
    t.clock.advance(1000);
    const fee = (
      await post(t, p.sandbox, `${V2}/payments`, {
        booking_code: booking.bookingCode,
        fee_kind: 'no_show_fee',
        method: 'invoice',
        amount: { amount: 2500, currency: 'USD' },
      })
    ).json();
    t.clock.set('2026-03-20T10:00:00.000Z');
    await refreshTokens();
    const refund = (
      await post(t, p.sandbox, `${V2}/payments/${a.payment_id}/refunds`, { amount: { amount: 5000, currency: 'USD' }, reason: 'Partial credit' })
    ).json();
    await paidHold(t, p); // card: settled at once, not on the statement
    await invoice(other, 7777); // another account
    await invoice(p, 9999, 'production'); // another environment
    t.clock.set('2026-04-01T00:00:00.000Z');
    await refreshTokens();
    await invoice(p, 3333); // April

    const statement = await get(t, p.sandbox, `${V2}/statements/2026-03`);
    expect(statement.statusCode).toBe(200);
    const body = statement.json();
    expect(body).toMatchObject({
      month: '2026-03',
      account: { account_code: p.partner.accountCode },
      environment: 'sandbox',
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      totals: [{ currency: 'USD', charges: 25500, credits: 5000, balance: 20500 }],
    });
    expect(body.lines.map((l: { kind: string; payment_id: string; amount: { amount: number } }) => [l.kind, l.payment_id, l.amount.amount])).toEqual([
      ['charge', a.payment_id, 15000],
      ['charge', b.payment_id, 8000],
      ['charge', fee.payment_id, 2500],
      ['credit', a.payment_id, 5000],
    ]);
    expect(body.lines[2]).toMatchObject({ booking_code: booking.bookingCode, description: expect.stringContaining('No-show fee') });
    expect(body.lines[3]).toMatchObject({ refund_id: refund.refund_id, description: expect.stringContaining('Partial credit') });

    expect((await get(t, p.production, `${V2}/statements/2026-03`)).json().totals).toEqual([{ currency: 'USD', charges: 9999, credits: 0, balance: 9999 }]);
    expect((await get(t, other.sandbox, `${V2}/statements/2026-03`)).json().totals).toEqual([{ currency: 'USD', charges: 7777, credits: 0, balance: 7777 }]);
    expect((await get(t, p.sandbox, `${V2}/statements/2026-05`)).json()).toMatchObject({ lines: [], totals: [] });
  });
});
