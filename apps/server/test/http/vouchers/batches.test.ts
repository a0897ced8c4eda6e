import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { batchBody, get, issueBatch, post, V2, type VoucherPartner, voucherPartner } from './voucher-support.ts';

describe.each(DIALECTS)('Voucher batches on %s', (dialect) => {
  let t: TestApp;
  let p: VoucherPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await voucherPartner(t);
  });
  afterAll(() => t.close());

  it('issues a batch of unguessable codes and answers 201 with the batch', async () => {
    const response = await post(
      t,
      p.sandbox,
      `${V2}/batches`,
      batchBody(p.tests, { discount: { kind: 'percent', percent: 20 }, count: 5, code_prefix: 'SPRING' }),
    );
    expect(response.statusCode).toBe(201);
    const batch = response.json();
    expect(batch).toMatchObject({
      batch_id: expect.stringMatching(/^vbt_/),
      name: 'Scholarship',
      test_codes: p.tests,
      discount: { kind: 'percent', percent: 20 },
      code_prefix: 'SPRING',
      expires_at: '2026-12-31T23:59:59.000Z',
      max_uses: 1,
      code_count: 5,
      status: 'active',
      codes_by_state: { issued: 5, reserved: 0, redeemed: 0 },
    });
    expect(response.headers.location).toBe(`${V2}/batches/${batch.batch_id}`);
    const codes = (await get(t, p.sandbox, `${V2}/batches/${batch.batch_id}/codes`)).json().data;
    expect(codes).toHaveLength(5);
    for (const c of codes) expect(c.code).toMatch(/^SPRING(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(codes[0]).toMatchObject({ state: 'issued', uses: 0, max_uses: 1, applies_to: p.tests, reserved_for: null, version: 1 });
  });

  it('exports every code of a batch as CSV', async () => {
    const { batch, codes } = await issueBatch(t, p, { count: 4 });
    const response = await get(t, p.sandbox, `${V2}/batches/${batch.batch_id}/codes.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${batch.batch_id}-codes.csv"`);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('code,state,uses,max_uses,expires_at,reserved_for_type,reserved_for_id');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([...codes].sort());
    expect(lines[1]).toMatch(/,issued,0,1,2026-12-31T23:59:59.000Z,,$/);
  });

  it('records batch creation and each export in the audit log', async () => {
    const { batch } = await issueBatch(t, p, { count: 1 });
    await get(t, p.sandbox, `${V2}/batches/${batch.batch_id}/codes.csv`);
    const audit = await t.ctx.db.selectFrom('audit_event').select('action').where('target_id', '=', batch.batch_id).orderBy('occurred_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['voucher_batch.created', 'voucher_batch.exported']);
  });

  it('issues 10,000 codes in one batch, all distinct', async () => {
    const response = await post(t, p.sandbox, `${V2}/batches`, batchBody([p.tests[0]], { count: 10_000 }));
    expect(response.statusCode).toBe(201);
    const csv = await get(t, p.sandbox, `${V2}/batches/${response.json().batch_id}/codes.csv`);
    const codes = csv.body
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(new Set(codes).size).toBe(10_000);
  }, 60_000);

  it('pages through the codes of a batch with a cursor', async () => {
    const { batch, codes } = await issueBatch(t, p, { count: 5 });
    const first = (await get(t, p.sandbox, `${V2}/batches/${batch.batch_id}/codes?page_size=3`)).json();
    expect(first.data).toHaveLength(3);
    const second = (await get(t, p.sandbox, `${V2}/batches/${batch.batch_id}/codes?page_size=3&cursor=${first.next_cursor}`)).json();
    expect(second.data).toHaveLength(2);
    expect(second.next_cursor).toBeNull();
    expect([...first.data, ...second.data].map((c: { code: string }) => c.code).sort()).toEqual([...codes].sort());
  });

  it('gets a batch and lists batches newest first, filtered by status', async () => {
    t.clock.advance(1000);
    const older = await issueBatch(t, p, { count: 1, name: 'older' });
    t.clock.advance(1000);
    const newer = await issueBatch(t, p, { count: 1, name: 'newer' });
    expect((await get(t, p.sandbox, `${V2}/batches/${older.batch.batch_id}`)).json()).toMatchObject({ name: 'older', codes_by_state: { issued: 1 } });
    const list = (await get(t, p.sandbox, `${V2}/batches?page_size=2`)).json();
    expect(list.data.map((b: { name: string }) => b.name)).toEqual(['newer', 'older']);
    expect(list.next_cursor).toEqual(expect.any(String));
    await post(t, p.sandbox, `${V2}/batches/${newer.batch.batch_id}/void`);
    const voided = (await get(t, p.sandbox, `${V2}/batches?status=void`)).json();
    expect(voided.data.map((b: { batch_id: string }) => b.batch_id)).toEqual([newer.batch.batch_id]);
  });

  it('voids a batch with its usable codes, keeping redeemed ones, and refuses to void it twice', async () => {
    const { batch, codes } = await issueBatch(t, p, { count: 3 });
    expect((await post(t, p.sandbox, `${V2}/vouchers/${codes[0]}/redeem`)).statusCode).toBe(200);
    const voided = await post(t, p.sandbox, `${V2}/batches/${batch.batch_id}/void`);
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', codes_by_state: { void: 2, redeemed: 1, issued: 0 } });
    const again = await post(t, p.sandbox, `${V2}/batches/${batch.batch_id}/void`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('VOUCHER_BATCH_VOID');
    const refused = await post(t, p.sandbox, `${V2}/vouchers/${codes[1]}/redeem`);
    expect(refused.json()).toMatchObject({ status: 409, code: 'VOUCHER_VOID' });
  });

  it('replays a batch creation sent again with the same Idempotency-Key instead of issuing twice', async () => {
    const headers = { 'idempotency-key': 'batch-retry-1' };
    const body = batchBody([p.tests[0]], { count: 2, name: 'idempotent' });
    const first = await post(t, p.sandbox, `${V2}/batches`, body, headers);
    const second = await post(t, p.sandbox, `${V2}/batches`, body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().batch_id).toBe(first.json().batch_id);
    const other = await post(t, p.sandbox, `${V2}/batches`, { ...body, count: 3 }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a batch for a test that does not exist, naming the entry', async () => {
    const response = await post(t, p.sandbox, `${V2}/batches`, batchBody([p.tests[0], 'NO-SUCH-TEST']));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VOUCHER_UNKNOWN_TEST', errors: [{ pointer: '/body/test_codes/1' }] });
  });

  it('refuses a batch for a test that exists only in production', async () => {
    const response = await post(t, p.production, `${V2}/batches`, batchBody([p.tests[0]]));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VOUCHER_UNKNOWN_TEST');
  });

  it('refuses invalid batches with 400 naming every bad field', async () => {
    const response = await post(t, p.sandbox, `${V2}/batches`, {
      name: '',
      test_codes: [],
      discount: { kind: 'percent', percent: 101 },
      expires_at: 'soon',
      count: 10_001,
    });
    expect(response.statusCode).toBe(400);
    const pointers = response.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/name', '/body/test_codes', '/body/discount/percent', '/body/expires_at', '/body/count']));
  });

  it('refuses a discount whose fields do not match its kind, and an expiry in the past', async () => {
    const noPercent = await post(t, p.sandbox, `${V2}/batches`, batchBody([p.tests[0]], { discount: { kind: 'percent' } }));
    expect(noPercent.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/body/discount/percent' }] });
    const past = await post(t, p.sandbox, `${V2}/batches`, batchBody([p.tests[0]], { expires_at: '2025-01-01T00:00:00Z' }));
    expect(past.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/body/expires_at', message: 'must be in the future' }] });
  });

  it('refuses an amount discount in another currency than a covered test', async () => {
    const response = await post(
      t,
      p.sandbox,
      `${V2}/batches`,
      batchBody([p.tests[0]], { discount: { kind: 'amount', amount: { amount: 500, currency: 'EUR' } } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VOUCHER_CURRENCY_MISMATCH');
  });

  it('answers 404 for an unknown batch, on every batch operation', async () => {
    for (const url of ['/batches/vbt_nope', '/batches/vbt_nope/codes', '/batches/vbt_nope/codes.csv']) {
      const response = await t.app.inject({ url: `${V2}${url}`, headers: bearer(p.sandbox) });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('VOUCHER_BATCH_NOT_FOUND');
    }
    expect((await post(t, p.sandbox, `${V2}/batches/vbt_nope/void`)).statusCode).toBe(404);
  });
});
