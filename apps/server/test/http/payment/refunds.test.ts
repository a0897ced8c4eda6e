import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlePendingRefunds } from '../../../src/modules/payment/payment-links.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { CARDS, get, holdFor, type PaymentPartner, paidHold, paymentPartner, post, V2 } from './payment-support.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe.each(DIALECTS)('Refunds on %s', (dialect) => {
  let t: TestApp;
  let p: PaymentPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await paymentPartner(t);
  });
  afterAll(() => t.close());

  const refund = (paymentId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    post(t, p.sandbox, `${V2}/payments/${paymentId}/refunds`, { reason: 'Candidate request', ...body }, headers);

  it('refunds everything when no amount is given; one more is refused', async () => {
    const { payment } = await paidHold(t, p);
    const full = await refund(payment.payment_id, {});
    expect(full.statusCode).toBe(201);
    expect(full.json()).toMatchObject({ payment_id: payment.payment_id, state: 'succeeded', amount: usd(15000), reason: 'Candidate request' });
    expect((await get(t, p.sandbox, `${V2}/payments/${payment.payment_id}`)).json()).toMatchObject({ refunded: usd(15000), refundable: usd(0) });
    expect((await refund(payment.payment_id, { amount: usd(1) })).json()).toMatchObject({ status: 409, code: 'PAYMENT_REFUND_EXCEEDS_PAID' });
  });

  it('takes several partial refunds up to the amount paid, then refuses the next', async () => {
    const { payment } = await paidHold(t, p);
    for (const amount of [5000, 4000, 6000]) {
      t.clock.advance(1000); // refunds list oldest first
      expect((await refund(payment.payment_id, { amount: usd(amount) })).statusCode).toBe(201);
    }
    const more = await refund(payment.payment_id, { amount: usd(1) });
    expect(more.json()).toMatchObject({ status: 409, code: 'PAYMENT_REFUND_EXCEEDS_PAID', detail: expect.stringContaining('0 USD left') });
    const listed = (await get(t, p.sandbox, `${V2}/payments/${payment.payment_id}/refunds`)).json().data;
    expect(listed.map((r: { amount: { amount: number } }) => r.amount.amount)).toEqual([5000, 4000, 6000]);
  });

  it('refuses a partial refund above what is left, naming what is left', async () => {
    const { payment } = await paidHold(t, p);
    await refund(payment.payment_id, { amount: usd(10000) });
    const over = await refund(payment.payment_id, { amount: usd(5001) });
    expect(over.json()).toMatchObject({ code: 'PAYMENT_REFUND_EXCEEDS_PAID', detail: expect.stringContaining('5000 USD left') });
    expect((await refund(payment.payment_id, { amount: { amount: 10, currency: 'EUR' } })).json().code).toBe('PAYMENT_AMOUNT_MISMATCH');
  });

  it('never refunds more than paid under 30 concurrent refunds', async () => {
    const { payment } = await paidHold(t, p);
    const responses = await Promise.all(Array.from({ length: 30 }, () => refund(payment.payment_id, { amount: usd(1000) })));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(15);
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.json().code).toBe('PAYMENT_REFUND_EXCEEDS_PAID');
    const row = await t.ctx.db.selectFrom('payment').select(['refunded_amount']).where('id', '=', payment.payment_id).executeTakeFirstOrThrow();
    expect(row.refunded_amount).toBe(15000);
  });

  it('lets the database itself refuse refunds beyond the amount paid', async () => {
    const { payment } = await paidHold(t, p);
    await expect(t.ctx.db.updateTable('payment').set({ refunded_amount: 15001 }).where('id', '=', payment.payment_id).execute()).rejects.toThrow();
    await expect(t.ctx.db.updateTable('payment').set({ refunded_amount: -1 }).where('id', '=', payment.payment_id).execute()).rejects.toThrow();
  });

  it('records a refund the processor refuses as failed and makes its amount refundable again', async () => {
    const { payment } = await paidHold(t, p, CARDS.refundFails);
    const failed = await refund(payment.payment_id, { amount: usd(5000) });
    expect(failed.statusCode).toBe(201);
    expect(failed.json()).toMatchObject({ state: 'failed', failure_message: expect.stringContaining('refused') });
    expect((await get(t, p.sandbox, `${V2}/payments/${payment.payment_id}`)).json()).toMatchObject({ refunded: usd(0), refundable: usd(15000) });
  });

  it('settles invoice refunds at once as credits, and refunds of a failed payment are refused', async () => {
    const holdId = await holdFor(t, p);
    const invoice = (await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'invoice' })).json();
    expect((await refund(invoice.payment_id, { amount: usd(2000) })).json()).toMatchObject({ state: 'succeeded', settled_at: expect.any(String) });
    const declinedHold = await holdFor(t, p);
    await post(t, p.sandbox, `${V2}/payments`, {
      hold_id: declinedHold,
      method: 'card',
      card: { number: CARDS.declined, exp_month: 1, exp_year: 2030, cvc: '123' },
    });
    const failedPayment = (await get(t, p.sandbox, `${V2}/payments?hold_id=${declinedHold}`)).json().data[0];
    expect((await refund(failedPayment.payment_id, {})).json()).toMatchObject({ status: 409, code: 'PAYMENT_NOT_SUCCEEDED' });
  });

  it('replays a refund for the same Idempotency-Key instead of refunding twice', async () => {
    const { payment } = await paidHold(t, p);
    const headers = { 'idempotency-key': `refund-${payment.payment_id}` };
    const first = await refund(payment.payment_id, { amount: usd(3000) }, headers);
    const again = await refund(payment.payment_id, { amount: usd(3000) }, headers);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await refund(payment.payment_id, { amount: usd(3001) }, headers)).json()).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await get(t, p.sandbox, `${V2}/payments/${payment.payment_id}/refunds`)).json().data).toHaveLength(1);
  });

  it('settles nothing when no refund is pending', async () => {
    expect(await settlePendingRefunds(t.ctx)).toBe(0);
  });
});
