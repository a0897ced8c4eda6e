import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import {
  type BookingPartner,
  bookAtCentre,
  bookOnline,
  freePartner,
  get,
  P2,
  post,
  put,
  R1,
  RES2,
  resultsOutbox,
  sessionOf,
} from '../proctoring/proctoring-support.ts';

describe.each(DIALECTS)('PSI inbound results R1–R3 on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  const r2 = (clientId: string) => `/results/v1/accounts/${p.partner.accountCode}/${clientId}/results`;
  const r3 = () => `/results/v1/accounts/${p.partner.accountCode}`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
  });
  afterAll(() => t.close());

  const resultsOf = async (bookingCode: string) => (await get(t, p.sandbox, `${RES2}/results?booking_code=${bookingCode}`)).json().data;

  it('R1 stores a test-centre result, completes the booking, and a retried delivery stores nothing new', async () => {
    const { bookingCode } = await bookAtCentre(t, p);
    const first = await put(t, p.sandbox, R1(bookingCode), { result: 'FAIL', score: '61.5' });
    expect(first.statusCode).toBe(200);
    const again = await put(t, p.sandbox, R1(bookingCode), { result: 'FAIL', score: '61.5' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const stored = await resultsOf(bookingCode);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      state: 'scored',
      source: 'booking',
      revision: 1,
      version: 1,
      score_report: { outcome: 'FAIL', overall: { raw: '61.5' } },
    });
    expect((await get(t, p.sandbox, `/booking/v2/bookings/${bookingCode}`)).json().status).toBe('completed');
  });

  it('the same result delivered twice after release gives one result and one outbound event per service', async () => {
    const { bookingCode } = await bookAtCentre(t, p);
    const body = { result: 'PASS', score: '90' };
    const id = (await put(t, p.sandbox, R1(bookingCode), body)).json().result_id;
    expect((await post(t, p.sandbox, `${RES2}/results/${id}/release`)).statusCode).toBe(200);
    const retries = await Promise.all([put(t, p.sandbox, R1(bookingCode), body), put(t, p.sandbox, R1(bookingCode), body)]);
    expect(retries.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(retries.map((r) => r.json().result_id)).toEqual([id, id]);
    expect(await resultsOf(bookingCode)).toHaveLength(1);
    const events = (await resultsOutbox(t, p.accountId)).filter((e) => e.entity_id === id);
    expect(events.map((e) => e.service).sort()).toEqual(['assessment-results', 'assessment-results-notification']);
  });

  it('concurrent first deliveries of one result store exactly one', async () => {
    const { bookingCode } = await bookAtCentre(t, p);
    const answers = await Promise.all(Array.from({ length: 5 }, () => put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '77' })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.json().result_id)).size).toBe(1);
    expect(await resultsOf(bookingCode)).toHaveLength(1);
  });

  it('answers 400 in the PSI model for an unknown booking code, and NA without a score', async () => {
    const unknown = await put(t, p.sandbox, R1('ZZZZZZZZZZ'), { result: 'PASS', score: '1' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ error: 'invalid_request', error_description: 'No booking found for the given booking code.' });
    const { bookingCode } = await bookAtCentre(t, p);
    const na = await put(t, p.sandbox, R1(bookingCode), { result: 'NA' });
    expect(na.statusCode).toBe(400);
    expect(na.json()).toEqual({ error: 'invalid_request', error_description: 'A score is required when the result is NA.' });
    expect(await resultsOf(bookingCode)).toHaveLength(0);
    expect((await get(t, p.sandbox, `/booking/v2/bookings/${bookingCode}`)).json().status).toBe('confirmed');
    const naWithScore = await put(t, p.sandbox, R1(bookingCode), { result: 'NA', score: 'B+' });
    expect(naWithScore.statusCode).toBe(200);
    const bad = await put(t, p.sandbox, R1(bookingCode), { result: 'MAYBE', score: '1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_request');
  });

  it('R2 finds the booking by the client eligibility id; an unknown id answers 400', async () => {
    const { bookingCode, eligibility } = await bookAtCentre(t, p);
    const client = await t.ctx.db.selectFrom('eligibility').select('client_eligibility_id').where('code', '=', eligibility.code).executeTakeFirstOrThrow();
    const stored = await put(t, p.sandbox, r2(client.client_eligibility_id as string), { result: 'PASS', score: '88' });
    expect(stored.statusCode).toBe(200);
    expect((await resultsOf(bookingCode))[0]).toMatchObject({ source: 'eligibility', result_id: stored.json().result_id });
    const unknown = await put(t, p.sandbox, r2('NO-SUCH-CLIENT-ID'), { result: 'PASS', score: '88' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ error: 'invalid_request', error_description: 'No eligibility found for the given eligibility code.' });
    const na = await put(t, p.sandbox, r2(client.client_eligibility_id as string), { result: 'NA' });
    expect(na.statusCode).toBe(400);
  });

  it('R3 takes candidate Result Data with categories, matches the candidate exam, and is idempotent by result_id', async () => {
    const { bookingCode, eligibility } = await bookAtCentre(t, p);
    const body = {
      candidate_id: eligibility.candidateId,
      result: 'PASS',
      result_id: 'TD-9001',
      overall_score_label: 'Pass with merit',
      overall_score_pct: 82.5,
      overall_score_scaled: 640,
      category_total_count: 2,
      category_scores: [
        { category_name: 'Law', category_order: 2, category_score_pct: 75 },
        { category_name: 'Core', category_order: 1, category_score_pct: 90 },
      ],
    };
    const stored = await put(t, p.sandbox, r3(), body);
    expect(stored.statusCode).toBe(200);
    expect((await put(t, p.sandbox, r3(), body)).json()).toEqual(stored.json());
    const [result] = await resultsOf(bookingCode);
    expect(result).toMatchObject({
      source: 'candidate',
      external_result_id: 'TD-9001',
      score_report: {
        outcome: 'PASS',
        overall: { raw: null, scaled: 640, percent: 82.5, label: 'Pass with merit' },
        categories: [
          { name: 'Core', order: 1, percent: 90 },
          { name: 'Law', order: 2, percent: 75 },
        ],
        category_total_count: 2,
      },
    });
    const unknown = await put(t, p.sandbox, r3(), { ...body, candidate_id: 'NOBODY' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ error: 'invalid_request', error_description: 'No matching candidate exam found for the given candidate id.' });
    const na = await put(t, p.sandbox, r3(), { candidate_id: eligibility.candidateId, result: 'NA' });
    expect(na.statusCode).toBe(400);
    expect(na.json().error_description).toBe('A score is required when the result is NA.');
  });

  it('a result for an online booking waits for the proctoring review, and the verified review makes it releasable', async () => {
    const { bookingCode } = await bookOnline(t, p);
    const session = await sessionOf(t, p.sandbox, bookingCode);
    const id = (await put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '70' })).json().result_id;
    expect((await get(t, p.sandbox, `${RES2}/results/${id}`)).json()).toMatchObject({ state: 'held', hold_reason: 'proctoring_review' });
    const early = await post(t, p.sandbox, `${RES2}/results/${id}/release`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RESULT_AWAITING_REVIEW');
    const simulated = await post(t, p.sandbox, `${P2}/sessions/${session.session_id}/simulate`, { path: 'completed', review: 'verified' });
    expect(simulated.statusCode).toBe(200);
    expect((await get(t, p.sandbox, `${RES2}/results/${id}`)).json()).toMatchObject({ state: 'scored', hold_reason: null });
    expect((await post(t, p.sandbox, `${RES2}/results/${id}/release`)).statusCode).toBe(200);
  });
});
