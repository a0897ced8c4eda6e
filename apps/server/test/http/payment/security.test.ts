import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { CARDS, card, get, holdFor, type PaymentPartner, paidHold, paymentPartner, post, V2 } from './payment-support.ts';

describe.each(DIALECTS)('Payment API security and v1 mirror on %s', (dialect) => {
  let t: TestApp;
  let p: PaymentPartner;
  let other: PaymentPartner;
  let paymentId: string;
  const lines: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    t = await createTestApp(dialect, { config: { logLevel: 'debug' }, logStream: stream });
    p = await paymentPartner(t);
    other = await paymentPartner(t);
    paymentId = (await paidHold(t, p)).payment.payment_id;
  });
  afterAll(() => t.close());

  it('answers 401 without a token and 403 without the psiPayment role or a subscription', async () => {
    const none = await t.app.inject({ url: `${V2}/payments` });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    expect((await t.app.inject({ method: 'POST', url: `${V2}/payments`, payload: {} })).statusCode).toBe(401);
    const noRole = await insertPartner(t, { roles: 'psiBooking', subscribe: 'payment' });
    expect((await get(t, await applicationToken(t, noRole.sandbox), `${V2}/payments`)).statusCode).toBe(403);
    const noSubscription = await insertPartner(t, { roles: 'psiPayment', subscribe: 'booking' });
    expect((await get(t, await applicationToken(t, noSubscription.sandbox), `${V2}/payments`)).statusCode).toBe(403);
  });

  it("answers another account's payment and hold exactly like unknown ones, and changes nothing", async () => {
    for (const suffix of ['', '/refunds', '/receipt']) {
      const foreign = await get(t, other.sandbox, `${V2}/payments/${paymentId}${suffix}`);
      expect(foreign.statusCode, suffix).toBe(404);
      expect(foreign.json().code).toBe('PAYMENT_NOT_FOUND');
    }
    const refund = await post(t, other.sandbox, `${V2}/payments/${paymentId}/refunds`, { reason: 'steal' });
    expect(refund.json()).toMatchObject({ status: 404, code: 'PAYMENT_NOT_FOUND', detail: `no payment ${paymentId}` });
    const hold = await holdFor(t, p);
    const foreignHold = await post(t, other.sandbox, `${V2}/payments`, { hold_id: hold, method: 'invoice' });
    expect(foreignHold.json()).toMatchObject({ status: 404, code: 'PAYMENT_HOLD_NOT_FOUND', detail: `no hold ${hold}` });
    expect((await get(t, other.sandbox, `${V2}/payments?page_size=200`)).json().data).toEqual([]);
    expect((await get(t, p.sandbox, `${V2}/payments/${paymentId}`)).json()).toMatchObject({ refunded: { amount: 0 } });
  });

  it('keeps sandbox and production apart', async () => {
    expect((await get(t, p.production, `${V2}/payments/${paymentId}`)).statusCode).toBe(404);
    expect((await get(t, p.production, `${V2}/payments`)).json().data).toEqual([]);
    const sandboxHold = await holdFor(t, p);
    expect((await post(t, p.production, `${V2}/payments`, { hold_id: sandboxHold, method: 'invoice' })).statusCode).toBe(404);
    const productionHold = await holdFor(t, p, { environment: 'production' });
    const production = await post(t, p.production, `${V2}/payments`, { hold_id: productionHold, method: 'invoice' });
    expect(production.statusCode).toBe(201);
    expect((await get(t, p.sandbox, `${V2}/payments/${production.json().payment_id}`)).statusCode).toBe(404);
    // The test-card list is a sandbox operation: a production token is refused.
    expect((await get(t, p.production, `${V2}/test-cards`)).statusCode).toBe(401);
  });

  describe('v1 mirror', () => {
    const v1 = () => `/payment/v1/accounts/${p.partner.accountCode}`;

    it('pays, reads, refunds, lists and gives receipts and statements through /payment/v1/accounts/{account_code}, marked deprecated', async () => {
      const hold = await holdFor(t, p);
      const created = await post(t, p.sandbox, `${v1()}/payments`, { hold_id: hold, method: 'card', card: card() });
      expect(created.statusCode).toBe(201);
      expect(created.headers.deprecation).toBeDefined();
      expect(created.headers.sunset).toBeDefined();
      const id = created.json().payment_id;
      expect((await get(t, p.sandbox, `${v1()}/payments/${id}`)).json()).toMatchObject({ state: 'succeeded' });
      expect((await post(t, p.sandbox, `${v1()}/payments/${id}/refunds`, { reason: 'x', amount: { amount: 100, currency: 'USD' } })).statusCode).toBe(201);
      expect((await get(t, p.sandbox, `${v1()}/payments/${id}/refunds`)).json().data).toHaveLength(1);
      expect((await get(t, p.sandbox, `${v1()}/payments/${id}/receipt`)).json()).toMatchObject({ payment_id: id });
      expect((await get(t, p.sandbox, `${v1()}/payments?hold_id=${hold}`)).json().data).toHaveLength(1);
      expect((await get(t, p.sandbox, `${v1()}/statements/2026-01`)).statusCode).toBe(200);
      expect((await get(t, p.sandbox, `${v1()}/test-cards`)).statusCode).toBe(200);
      const bad = await post(t, p.sandbox, `${v1()}/payments/${id}/refunds`, { reason: 'x', amount: { amount: 10_000_000, currency: 'USD' } });
      expect(bad.json()).toEqual({ error: 'conflict', error_description: expect.stringContaining('left to refund') });
    });

    it("answers another account's account_code exactly like an unknown one", async () => {
      const foreign = await get(t, p.sandbox, `/payment/v1/accounts/${other.partner.accountCode}/payments/${paymentId}`);
      const unknown = await get(t, p.sandbox, `/payment/v1/accounts/NOSUCHAC/payments/${paymentId}`);
      expect(foreign.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(foreign.json().error).toBe(unknown.json().error);
      expect(foreign.json().error_description.replace(other.partner.accountCode, 'X')).toBe(unknown.json().error_description.replace('NOSUCHAC', 'X'));
    });
  });

  it('never stores or logs a full card number or CVC', async () => {
    const numbers = [CARDS.visa, CARDS.declined, CARDS.insufficient, CARDS.processorError, '5555555555554444'];
    for (const number of numbers) {
      const hold = await holdFor(t, p);
      await post(t, p.sandbox, `${V2}/payments`, { hold_id: hold, method: 'card', card: card(number, { cvc: '987' }) }, { 'idempotency-key': `log-${hold}` });
    }
    await post(t, p.sandbox, `${V2}/payments`, { hold_id: 'hld_0000000000000000000000000a', method: 'card', card: card('4242424242424241', { cvc: '987' }) });
    await t.app.inject({ method: 'POST', url: `${V2}/payments`, headers: bearer('atk_bad'), payload: { card: card(CARDS.visa) } });
    // Every text column of every table, dumped.
    const tables =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.ctx.db)).rows
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(t.ctx.db)).rows;
    expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(['payment', 'idempotency_key', 'audit_event']));
    let dump = '';
    for (const { name } of tables) dump += JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(t.ctx.db)).rows);
    expect(dump).toContain('4242'); // last four are kept
    expect(lines.join('').length).toBeGreaterThan(0);
    for (const number of [...numbers, '4242424242424241']) {
      expect(dump).not.toContain(number);
      expect(lines.join('')).not.toContain(number);
    }
    expect(dump).not.toMatch(/"cvc"/);
    expect(lines.join('')).not.toContain('987"');
  });
});
