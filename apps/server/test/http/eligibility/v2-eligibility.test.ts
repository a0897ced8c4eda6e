import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, type EligibilityPartner, eligibilityBody, eligibilityPartner } from './eligibility-fixtures.ts';

const BASE = '/eligibility/v2/eligibilities';

describe.each(DIALECTS)('Eligibility v2 on %s', (dialect) => {
  let t: TestApp;
  let p: EligibilityPartner;
  let code: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await eligibilityPartner(t);
  });
  afterAll(() => t.close());

  it('creates an eligibility (201) with state, scheduling verdict, attempts, window, candidate and vouchers', async () => {
    const response = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(p.testCode, 'V-1'));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      eligibility_code: expect.stringMatching(/^E[2-9A-HJKMNP-Z]{15}$/),
      state: 'open',
      eligible_to_schedule: true,
      eligibility_status_message: 'The candidate is eligible to schedule.',
      attempts: { allowed: 3, used: 0 },
      window: { starts_on: '2026-01-01', ends_on: '2026-12-31' },
      candidate: expect.objectContaining({ candidate_id: 'V-1', first_name: 'Ada', special_accommodations: ['EXTRA_TIME_50'] }),
      test_code: p.testCode,
      test_version: 1,
      portion_codes: ['P1', 'P2'],
      accommodations: ['EXTRA_TIME_50'],
      voucher_codes: [],
      client_eligibility_id: 'CLIENT-V-1',
      registration_mode: 'API',
      version: 1,
      created_at: '2026-01-05T09:00:00.000Z',
      updated_at: '2026-01-05T09:00:00.000Z',
    });
    code = body.eligibility_code;
  });

  it('defaults the window to today + one year when no dates are given', async () => {
    const body = eligibilityBody(p.testCode, 'V-2', { schedule_start_date: null, eligibility_end_date: undefined });
    const response = await call(t, p.sandbox, 'POST', BASE, body);
    expect(response.json().window).toEqual({ starts_on: '2026-01-05', ends_on: '2027-01-05' });
  });

  it('replays the first answer for the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const send = (candidateId: string) =>
      t.app.inject({
        method: 'POST',
        url: BASE,
        headers: { ...bearer(p.sandbox), 'idempotency-key': 'key-1' },
        payload: eligibilityBody(p.testCode, candidateId),
      });
    const first = await send('V-3');
    const second = await send('V-3');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().eligibility_code).toBe(first.json().eligibility_code);
    const other = await send('V-4');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a second active eligibility (409), an unknown test (422) and invalid fields (400 naming each)', async () => {
    const duplicate = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(p.testCode, 'V-1'));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    expect(duplicate.json().code).toBe('ELIGIBILITY_ALREADY_ACTIVE');
    const unknownTest = await call(t, p.sandbox, 'POST', BASE, eligibilityBody('NOPE', 'V-5'));
    expect(unknownTest.statusCode).toBe(422);
    expect(unknownTest.json().code).toBe('ELIGIBILITY_TEST_NOT_FOUND');
    const invalid = await call(
      t,
      p.sandbox,
      'POST',
      BASE,
      eligibilityBody(p.testCode, 'V-5', { candidate: { country: 'usa' }, eligibility_end_date: '2026-13-45' }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/body/candidate/country', '/body/eligibility_end_date']),
    );
    const past = await call(
      t,
      p.sandbox,
      'POST',
      BASE,
      eligibilityBody(p.testCode, 'V-5', { schedule_start_date: '2025-01-01', eligibility_end_date: '2025-12-31' }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'ELIGIBILITY_INVALID_INPUT', errors: [{ pointer: '/body/eligibility_end_date' }] });
  });

  it('gets an eligibility by code', async () => {
    const response = await call(t, p.sandbox, 'GET', `${BASE}/${code}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ eligibility_code: code, state: 'open' });
  });

  it('lists by candidate, test and state with cursor paging', async () => {
    const byCandidate = await call(t, p.sandbox, 'GET', `${BASE}?candidate_id=V-1`);
    expect(byCandidate.json().data.map((e: { eligibility_code: string }) => e.eligibility_code)).toEqual([code]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(t, p.sandbox, 'GET', `${BASE}?test_code=${p.testCode}&state=open&page_size=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.data.length).toBeLessThanOrEqual(1);
      seen.push(...body.data.map((e: { eligibility_code: string }) => e.eligibility_code));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    const none = await call(t, p.sandbox, 'GET', `${BASE}?state=cancelled`);
    expect(none.json()).toEqual({ data: [], next_cursor: null });
    const badState = await call(t, p.sandbox, 'GET', `${BASE}?state=bogus`);
    expect(badState.statusCode).toBe(400);
    const badCursor = await call(t, p.sandbox, 'GET', `${BASE}?cursor=nonsense`);
    expect(badCursor.statusCode).toBe(400);
  });

  it('PATCH changes only the given demographics and the window, and bumps the version', async () => {
    const response = await call(t, p.sandbox, 'PATCH', `${BASE}/${code}`, { candidate: { email: 'new@example.org' }, eligibility_end_date: '2026-10-31' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: 2,
      window: { starts_on: '2026-01-01', ends_on: '2026-10-31' },
      candidate: { email: 'new@example.org', first_name: 'Ada', city: 'New York' },
    });
  });

  it('PATCH moving the start into the future makes the eligibility pending again', async () => {
    const response = await call(t, p.sandbox, 'PATCH', `${BASE}/${code}`, { schedule_start_date: '2026-02-01' });
    expect(response.json()).toMatchObject({ state: 'pending', eligible_to_schedule: false, version: 3 });
    const back = await call(t, p.sandbox, 'PATCH', `${BASE}/${code}`, { schedule_start_date: '2026-01-01' });
    expect(back.json()).toMatchObject({ state: 'open', version: 4 });
  });

  it('PUT replaces the demographics (absent optional fields are cleared)', async () => {
    const body = eligibilityBody(p.testCode, 'V-1', { candidate: { city: undefined, email: undefined } });
    const response = await call(t, p.sandbox, 'PUT', `${BASE}/${code}`, body);
    expect(response.statusCode).toBe(200);
    expect(response.json().candidate).toMatchObject({ city: null, email: null, first_name: 'Ada' });
  });

  it('refuses changes of the test, accommodations, portions, candidate_id or client_eligibility_id, naming each field', async () => {
    const response = await call(t, p.sandbox, 'PATCH', `${BASE}/${code}`, {
      test_code: 'OTHER',
      client_eligibility_id: 'X',
      portion_codes: ['P1'],
      candidate: { candidate_id: 'V-9', special_accommodations: [] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('ELIGIBILITY_FIELD_IMMUTABLE');
    expect(
      response
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual([
      '/body/candidate/candidate_id',
      '/body/candidate/special_accommodations',
      '/body/client_eligibility_id',
      '/body/portion_codes',
      '/body/test_code',
    ]);
  });

  it('replaces the vouchers (here: clears them) and answers the eligibility', async () => {
    const response = await call(t, p.sandbox, 'PUT', `${BASE}/${code}/vouchers`, { voucher_codes: [] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ eligibility_code: code, voucher_codes: [] });
    const invalid = await call(t, p.sandbox, 'PUT', `${BASE}/${code}/vouchers`, { voucher_codes: [''] });
    expect(invalid.statusCode).toBe(400);
  });

  it('answers launch-info with 409 while there is no online booking', async () => {
    const response = await call(t, p.sandbox, 'GET', `${BASE}/${code}/launch-info`);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('ELIGIBILITY_NO_ONLINE_BOOKING');
  });

  it('cancels, then refuses to cancel or change it again (409)', async () => {
    const response = await call(t, p.sandbox, 'POST', `${BASE}/${code}/cancel`, { reason: 'candidate withdrew' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: 'cancelled', eligible_to_schedule: false, eligibility_status_message: 'The eligibility was cancelled.' });
    const again = await call(t, p.sandbox, 'POST', `${BASE}/${code}/cancel`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ELIGIBILITY_NOT_ACTIVE');
    const patch = await call(t, p.sandbox, 'PATCH', `${BASE}/${code}`, { candidate: { email: 'x@example.org' } });
    expect(patch.statusCode).toBe(409);
    const vouchers = await call(t, p.sandbox, 'PUT', `${BASE}/${code}/vouchers`, { voucher_codes: [] });
    expect(vouchers.statusCode).toBe(409);
  });

  it('reads the same code as psi_eligiblity_id in v1', async () => {
    const response = await call(t, p.sandbox, 'GET', `/eligibility/v1/accounts/${p.partner.accountCode}/candidates/V-1`);
    expect(response.json()).toEqual([expect.objectContaining({ psi_eligiblity_id: code, status: 'cancelled' })]);
  });
});
