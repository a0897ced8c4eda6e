import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { type BookingPartner, bookOnline, freePartner, get, P2, post, put, R1, RES2, sessionOf } from './proctoring-support.ts';

describe.each(DIALECTS)('Proctoring and results access control on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let other: BookingPartner;
  let bookingCode: string;
  let sessionId: string;
  let resultId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
    other = await freePartner(t);
    bookingCode = (await bookOnline(t, p)).bookingCode;
    sessionId = (await sessionOf(t, p.sandbox, bookingCode)).session_id;
    await post(t, p.sandbox, `${P2}/sessions/${sessionId}/simulate`, { path: 'with_incident' });
    resultId = (await put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '80' })).json().result_id;
  });
  afterAll(() => t.close());

  it("answers another account's session exactly like an unknown one on every v2 operation, and changes nothing", async () => {
    const reads = [`/sessions/${sessionId}`, `/sessions/${sessionId}/events`];
    for (const url of reads) {
      const foreign = await get(t, other.sandbox, `${P2}${url}`);
      const unknown = await get(t, other.sandbox, `${P2}${url.replace(sessionId, 'prs_00000000000000000000000000')}`);
      expect(foreign.statusCode, url).toBe(404);
      expect(foreign.json().code).toBe('PROCTORING_SESSION_NOT_FOUND');
      expect(foreign.json().title).toBe(unknown.json().title);
    }
    expect((await get(t, other.sandbox, `${P2}/bookings/${bookingCode}/session`)).statusCode).toBe(404);
    for (const [url, body] of [
      ['events', { type: 'INCIDENT', severity: 'low', reason_code: 'X_TEST' }],
      ['review', { decision: 'rejected' }],
      ['launch-url', undefined],
      ['simulate', { path: 'completed' }],
    ] as const) {
      expect((await post(t, other.sandbox, `${P2}/sessions/${sessionId}/${url}`, body)).statusCode, url).toBe(404);
    }
    expect((await get(t, other.sandbox, `${P2}/sessions`)).json().data).toEqual([]);
    expect((await get(t, p.sandbox, `${P2}/sessions/${sessionId}`)).json()).toMatchObject({ state: 'verified', incident_count: 1 });
  });

  it("answers another account's result exactly like an unknown one, and refuses its actions", async () => {
    const foreign = await get(t, other.sandbox, `${RES2}/results/${resultId}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('RESULT_NOT_FOUND');
    expect((await get(t, other.sandbox, `${RES2}/results/${resultId}/history`)).statusCode).toBe(404);
    for (const action of ['release', 'hold', 'amend', 'invalidate']) {
      expect((await post(t, other.sandbox, `${RES2}/results/${resultId}/${action}`, { reason: 'x', outcome: 'FAIL' })).statusCode, action).toBe(404);
    }
    expect((await get(t, other.sandbox, `${RES2}/results?booking_code=${bookingCode}`)).json().data).toEqual([]);
    expect((await get(t, p.sandbox, `${RES2}/results/${resultId}`)).json()).toMatchObject({ state: 'scored', version: 1 });
  });

  it("refuses to post a result for another account's booking (R1) and through its account code (R2/R3)", async () => {
    const r1 = await put(t, other.sandbox, R1(bookingCode), { result: 'FAIL', score: '1' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json()).toEqual({ error: 'invalid_request', error_description: 'No booking found for the given booking code.' });
    const r2 = await put(t, other.sandbox, `/results/v1/accounts/${p.partner.accountCode}/CLIENT-1/results`, { result: 'FAIL', score: '1' });
    const r3 = await put(t, other.sandbox, `/results/v1/accounts/${p.partner.accountCode}`, { candidate_id: 'CAND-1', result: 'FAIL', overall_score_pct: 1 });
    for (const answer of [r2, r3]) {
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toEqual({ error: 'invalid_request', error_description: 'Unable to get the account details for the given accountCode.' });
    }
    expect((await get(t, p.sandbox, `${RES2}/results/${resultId}`)).json().revision).toBe(1);
  });

  it('v1 mirrors: the own account reads under /accounts/{account_code} (deprecated), another account code answers like an unknown one', async () => {
    const own = await get(t, p.sandbox, `/proctoring/v1/accounts/${p.partner.accountCode}/sessions/${sessionId}`);
    expect(own.statusCode).toBe(200);
    expect(own.headers.deprecation).toBeDefined();
    expect((await get(t, p.sandbox, `/results/v1/accounts/${p.partner.accountCode}/results/${resultId}`)).statusCode).toBe(200);
    const swapped = [
      `/proctoring/v1/accounts/${p.partner.accountCode}/sessions/${sessionId}`,
      `/proctoring/v1/accounts/${p.partner.accountCode}/sessions`,
      `/results/v1/accounts/${p.partner.accountCode}/results/${resultId}`,
      `/results/v1/accounts/${p.partner.accountCode}/results`,
    ];
    for (const url of swapped) {
      const answer = await get(t, other.sandbox, url);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json()).toHaveProperty('error_description');
    }
    const foreignThroughOwnCode = await get(t, other.sandbox, `/proctoring/v1/accounts/${other.partner.accountCode}/sessions/${sessionId}`);
    expect(foreignThroughOwnCode.statusCode).toBe(404);
  });

  it('keeps sandbox and production apart', async () => {
    expect((await get(t, p.production, `${P2}/sessions/${sessionId}`)).statusCode).toBe(404);
    expect((await get(t, p.production, `${RES2}/results/${resultId}`)).statusCode).toBe(404);
    expect((await put(t, p.production, R1(bookingCode), { result: 'PASS', score: '1' })).statusCode).toBe(400);
    const simulate = await post(t, p.production, `${P2}/sessions/${sessionId}/simulate`, { path: 'completed' });
    expect(simulate.statusCode).toBe(401);
  });

  it('needs a token, the role and a subscription', async () => {
    expect((await t.app.inject({ url: `${P2}/sessions` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: R1(bookingCode), payload: { result: 'PASS', score: '1' } })).statusCode).toBe(401);
    const noRole = await insertPartner(t, { roles: 'psiBooking', subscribe: 'all' });
    const token = await applicationToken(t, noRole.sandbox);
    expect((await get(t, token, `${P2}/sessions`)).statusCode).toBe(403);
    expect((await put(t, token, R1(bookingCode), { result: 'PASS', score: '1' })).statusCode).toBe(403);
    const noSubscription = await insertPartner(t, { roles: 'all', subscribe: 'booking' });
    const unsubscribed = await applicationToken(t, noSubscription.sandbox);
    expect((await get(t, unsubscribed, `${RES2}/results`)).statusCode).toBe(403);
  });

  it('a launch link with a changed booking code, eligibility or expiry is refused; an expired one too', async () => {
    const { bookingCode: second } = await bookOnline(t, p);
    const secondSession = await sessionOf(t, p.sandbox, second);
    const link = new URL((await post(t, p.sandbox, `${P2}/sessions/${secondSession.session_id}/launch-url`)).json().launch_url);
    const tampered = [
      `${link.pathname.replace(second, bookingCode)}${link.search}`,
      `${link.pathname}${link.search.replace(/elg=[^&]+/, 'elg=OTHER')}`,
      `${link.pathname}${link.search.replace(/exp=(\d+)/, (_m, exp) => `exp=${Number(exp) + 3600}`)}`,
    ];
    for (const url of tampered) {
      const answer = await t.app.inject({ url });
      expect(answer.statusCode, url).toBe(403);
      expect(answer.json().code).toBe('PROCTORING_LAUNCH_INVALID');
    }
    t.clock.advance(16 * 60_000);
    expect((await t.app.inject({ url: `${link.pathname}${link.search}` })).statusCode).toBe(403);
    expect((await sessionOf(t, await applicationToken(t, p.partner.sandbox), second)).state).toBe('scheduled');
  });
});
