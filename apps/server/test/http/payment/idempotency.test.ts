import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChargeRequest, type PaymentProcessor, SandboxCardProcessor, usePaymentProcessor } from '../../../src/modules/payment/payment-processor.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { CARDS, card, get, holdFor, type PaymentPartner, paymentPartner, post, V2 } from './payment-support.ts';

/** The sandbox processor, counting charges and answering a little later (as a real one does), so requests overlap. */
class CountingProcessor implements PaymentProcessor {
  readonly name = 'sandbox';
  readonly charges: ChargeRequest[] = [];
  private readonly inner = new SandboxCardProcessor();
  async charge(request: ChargeRequest) {
    this.charges.push(request);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return this.inner.charge(request);
  }
  refund = this.inner.refund.bind(this.inner);
  lookup = this.inner.lookup.bind(this.inner);
}

describe.each(DIALECTS)('Payment idempotency (R4) on %s', (dialect) => {
  let t: TestApp;
  let p: PaymentPartner;
  let processor: CountingProcessor;
  let restore: () => void;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await paymentPartner(t);
  });
  afterAll(() => t.close());
  afterEach(() => restore());

  function install() {
    processor = new CountingProcessor();
    restore = usePaymentProcessor('sandbox', processor);
  }

  it('charges once for 50 concurrent requests with one Idempotency-Key and answers them all the same', async () => {
    install();
    const holdId = await holdFor(t, p);
    const body = { hold_id: holdId, method: 'card', card: card() };
    const headers = { 'idempotency-key': `r4-${holdId}` };
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(t, p.sandbox, `${V2}/payments`, body, headers)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const bodies = new Set(responses.map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
    expect(processor.charges).toHaveLength(1);
    const rows = await t.ctx.db.selectFrom('payment').select(['id', 'state']).where('hold_id', '=', holdId).execute();
    expect(rows).toEqual([{ id: responses[0]?.json().payment_id, state: 'succeeded' }]);
    // A later retry replays the same answer too.
    expect((await post(t, p.sandbox, `${V2}/payments`, body, headers)).body).toBe(responses[0]?.body);
    expect(processor.charges).toHaveLength(1);
  });

  it('refuses the same key with another body (422) and charges nothing for it', async () => {
    install();
    const holdId = await holdFor(t, p);
    const headers = { 'idempotency-key': `reuse-${holdId}` };
    expect((await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card() }, headers)).statusCode).toBe(201);
    const other = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card(CARDS.amex) }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(processor.charges).toHaveLength(1);
  });

  it('replays a decline for the same key instead of charging again', async () => {
    install();
    const holdId = await holdFor(t, p);
    const headers = { 'idempotency-key': `decline-${holdId}` };
    const body = { hold_id: holdId, method: 'card', card: card(CARDS.declined) };
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(t, p.sandbox, `${V2}/payments`, body, headers)));
    for (const r of responses) expect(r.json()).toMatchObject({ status: 402, code: 'PAYMENT_DECLINED' });
    expect(new Set(responses.map((r) => r.json().detail)).size).toBe(1);
    expect(processor.charges).toHaveLength(1);
    expect((await get(t, p.sandbox, `${V2}/payments?hold_id=${holdId}`)).json().data).toHaveLength(1);
  });
});
