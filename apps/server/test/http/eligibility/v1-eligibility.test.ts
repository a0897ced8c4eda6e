import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTest } from '../../factories/catalog.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, type EligibilityPartner, eligibilityBody, eligibilityPartner, v1 } from './eligibility-fixtures.ts';

describe.each(DIALECTS)('Eligibility v1 (PSI E1–E8) on %s', (dialect) => {
  let t: TestApp;
  let p: EligibilityPartner;
  let code: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await eligibilityPartner(t);
  });
  afterAll(() => t.close());

  const e = (rest: string) => v1(p.partner.accountCode, rest);

  it('E1 creates a candidate and an eligibility and answers 201 with the PSI read model, without registration_mode or voucher_codes', async () => {
    const response = await call(t, p.sandbox, 'POST', e('/candidates'), eligibilityBody(p.testCode, 'C-1'));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual([
      'candidate',
      'client_eligibility_id',
      'created_datetime',
      'eligibility_end_date',
      'eligibility_status_message',
      'eligible_to_schedule',
      'portion_codes',
      'psi_eligiblity_id',
      'schedule_start_date',
      'status',
      'test_code',
    ]);
    expect(body).toMatchObject({
      candidate: {
        candidate_id: 'C-1',
        first_name: 'Ada',
        last_name: 'Lovelace',
        province_state: 'NY',
        special_accommodations: ['EXTRA_TIME_50'],
        middle_name: null,
      },
      client_eligibility_id: 'CLIENT-C-1',
      created_datetime: '2026-01-05T09:00:00.000Z',
      eligibility_end_date: '2026-12-31',
      eligible_to_schedule: true,
      eligibility_status_message: 'The candidate is eligible to schedule.',
      portion_codes: ['P1', 'P2'],
      schedule_start_date: '2026-01-01',
      status: 'open',
      test_code: p.testCode,
    });
    expect(body.psi_eligiblity_id).toMatch(/^E[2-9A-HJKMNP-Z]{15}$/);
    code = body.psi_eligiblity_id;
  });

  it('E1 refuses a second active eligibility for the same candidate and test', async () => {
    const response = await call(t, p.sandbox, 'POST', e('/candidates'), eligibilityBody(p.testCode, 'C-1'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'An active eligibility already exists for the given candidate id and test code. Update it, or cancel it and create a new one.',
    });
  });

  it('E1 answers an unknown test with the published text', async () => {
    const response = await call(t, p.sandbox, 'POST', e('/candidates'), eligibilityBody('NO-SUCH-TEST', 'C-2'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'No mapping found for the given test code.' });
  });

  it('E1 refuses a retired test with a clear text', async () => {
    const retired = await insertTest(t, p.partner, { state: 'retired' });
    const response = await call(t, p.sandbox, 'POST', e('/candidates'), eligibilityBody(retired.testCode, 'C-2'));
    expect(response.statusCode).toBe(400);
    expect(response.json().error_description).toBe('The test is not published; eligibilities can be created for published tests only.');
  });

  it('E1 names every missing required field in the PSI error model', async () => {
    const response = await call(t, p.sandbox, 'POST', e('/candidates'), { candidate: { candidate_id: 'C-3' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain('/body/candidate/first_name');
    expect(body.error_description).toContain('/body/candidate/last_name');
    expect(body.error_description).toContain('/body/test_code');
  });

  it('E1 refuses a US province_state that is not a 2-letter state abbreviation', async () => {
    const response = await call(t, p.sandbox, 'POST', e('/candidates'), eligibilityBody(p.testCode, 'C-4', { candidate: { province_state: 'New York' } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error_description).toContain('/body/candidate/province_state must be the 2-letter abbreviation');
  });

  it('E1 refuses an accommodation the test does not allow, an unknown portion and a window that ends before it starts', async () => {
    const response = await call(
      t,
      p.sandbox,
      'POST',
      e('/candidates'),
      eligibilityBody(p.testCode, 'C-5', {
        candidate: { special_accommodations: ['READER'] },
        portion_codes: ['P9'],
        schedule_start_date: '2026-06-01',
        eligibility_end_date: '2026-05-01',
      }),
    );
    expect(response.statusCode).toBe(400);
    const text = response.json().error_description;
    expect(text).toContain('/body/candidate/special_accommodations READER not allowed');
    expect(text).toContain('/body/portion_codes P9 not a portion');
    expect(text).toContain('/body/eligibility_end_date must not be before schedule_start_date');
  });

  it('E1 with a future window creates a pending eligibility that says when it opens', async () => {
    const response = await call(
      t,
      p.sandbox,
      'POST',
      e('/candidates'),
      eligibilityBody(p.testCode, 'C-6', { schedule_start_date: '2026-03-01', eligibility_end_date: '2026-06-30' }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'pending',
      eligible_to_schedule: false,
      eligibility_status_message: 'The eligibility window opens on 2026-03-01.',
    });
  });

  it('E3, E4 and E5 read the eligibility back', async () => {
    for (const url of [e('/candidates/C-1/eligibilities?status=active'), e(`/candidates/C-1/tests/${p.testCode}`), e('/candidates/C-1')]) {
      const response = await call(t, p.sandbox, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.json()).toEqual([expect.objectContaining({ psi_eligiblity_id: code, status: 'open' })]);
    }
  });

  it('E3 filters by status and refuses a missing or unknown status with the published text', async () => {
    const inactive = await call(t, p.sandbox, 'GET', e('/candidates/C-1/eligibilities?status=inactive'));
    expect(inactive.json()).toEqual([]);
    const all = await call(t, p.sandbox, 'GET', e('/candidates/C-1/eligibilities?status=all'));
    expect(all.json()).toHaveLength(1);
    for (const query of ['?status=open', '?status=ACTIVE', '']) {
      const response = await call(t, p.sandbox, 'GET', e(`/candidates/C-1/eligibilities${query}`));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: 'invalid_request',
        error_description: 'The request is invalid. Only active, inactive, or all can be passed as values.',
      });
    }
  });

  it('E3, E4 and E5 answer an unknown candidate with the published text', async () => {
    for (const url of [e('/candidates/NOBODY/eligibilities?status=all'), e(`/candidates/NOBODY/tests/${p.testCode}`), e('/candidates/NOBODY')]) {
      const response = await call(t, p.sandbox, 'GET', url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'No data found for the given candidate id.' });
    }
  });

  it('E4 answers an unknown test with the published text', async () => {
    const response = await call(t, p.sandbox, 'GET', e('/candidates/C-1/tests/NO-SUCH-TEST'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'No mapping found for the given test code.' });
  });

  it('E8 changes demographics and the window, and the change is visible in E5', async () => {
    const body = eligibilityBody(p.testCode, 'C-1', { candidate: { first_name: 'Augusta', email: 'augusta@example.org' }, eligibility_end_date: '2027-03-31' });
    const response = await call(t, p.sandbox, 'PUT', e(`/candidates/C-1/tests/${p.testCode}`), body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ psi_eligiblity_id: code, eligibility_end_date: '2027-03-31', candidate: { first_name: 'Augusta' } });
    const read = await call(t, p.sandbox, 'GET', e('/candidates/C-1'));
    expect(read.json()[0]).toMatchObject({ eligibility_end_date: '2027-03-31', candidate: { first_name: 'Augusta', email: 'augusta@example.org' } });
  });

  it('E8 refuses to change the test, the accommodations, the candidate_id or the client_eligibility_id', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ test_code: 'OTHER' }, 'test_code cannot change'],
      [{ candidate: { special_accommodations: [] } }, 'special_accommodations cannot change'],
      [{ candidate: { candidate_id: 'C-99' } }, 'candidate_id cannot change'],
      [{ client_eligibility_id: 'CHANGED' }, 'client_eligibility_id cannot change'],
    ];
    for (const [override, text] of cases) {
      const response = await call(t, p.sandbox, 'PUT', e(`/candidates/C-1/tests/${p.testCode}`), eligibilityBody(p.testCode, 'C-1', override));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: 'invalid_request', error_description: `${text}; cancel this eligibility and create a new one` });
    }
  });

  it('E8 answers unknown test and candidate', async () => {
    const unknownTest = await call(t, p.sandbox, 'PUT', e('/candidates/C-1/tests/NO-SUCH-TEST'), eligibilityBody('NO-SUCH-TEST', 'C-1'));
    expect(unknownTest.json()).toEqual({ error: 'invalid_request', error_description: 'No mapping found for the given test code.' });
    const unknownCandidate = await call(t, p.sandbox, 'PUT', e(`/candidates/NOBODY/tests/${p.testCode}`), eligibilityBody(p.testCode, 'NOBODY'));
    expect(unknownCandidate.json()).toEqual({ error: 'invalid_request', error_description: 'Candidate details not found for the given candidate id.' });
  });

  it('E6 replaces the voucher set (204) and answers unknown test and candidate with the published texts', async () => {
    const cleared = await call(t, p.sandbox, 'PUT', e(`/candidates/C-1/tests/${p.testCode}/vouchers`), []);
    expect(cleared.statusCode).toBe(204);
    expect(cleared.body).toBe('');
    const unknownTest = await call(t, p.sandbox, 'PUT', e('/candidates/C-1/tests/NO-SUCH-TEST/vouchers'), []);
    expect(unknownTest.json()).toEqual({ error: 'invalid_request', error_description: 'No mapping found for the given test code.' });
    const unknownCandidate = await call(t, p.sandbox, 'PUT', e(`/candidates/NOBODY/tests/${p.testCode}/vouchers`), []);
    expect(unknownCandidate.json()).toEqual({ error: 'invalid_request', error_description: 'Candidate details not found for the given candidate id.' });
    const notArray = await call(t, p.sandbox, 'PUT', e(`/candidates/C-1/tests/${p.testCode}/vouchers`), { codes: [] });
    expect(notArray.statusCode).toBe(400);
  });

  it('E7 answers an unknown code with the published text, and an eligibility without an online booking with ours', async () => {
    const unknown = await call(t, p.sandbox, 'GET', '/eligibility/v1/eligibilities/ENOSUCHCODE/testLaunchInfo');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Unable to get the account and test details for the given accountCode/testCode.',
    });
    const noBooking = await call(t, p.sandbox, 'GET', `/eligibility/v1/eligibilities/${code}/testLaunchInfo`);
    expect(noBooking.statusCode).toBe(400);
    expect(noBooking.json().error_description).toBe(
      'No online booking found for the given eligibility. Launch information is available once the candidate has booked an online (ATLAS_REMOTE_PROCTORED) appointment.',
    );
  });

  it('E2 answers unknown test and candidate with the published texts', async () => {
    const unknownTest = await call(t, p.sandbox, 'DELETE', e('/candidates/C-1/tests/NO-SUCH-TEST'));
    expect(unknownTest.statusCode).toBe(400);
    expect(unknownTest.json()).toEqual({ error: 'invalid_request', error_description: 'No mapping found for the given test code.' });
    const unknownCandidate = await call(t, p.sandbox, 'DELETE', e(`/candidates/NOBODY/tests/${p.testCode}`));
    expect(unknownCandidate.json()).toEqual({ error: 'invalid_request', error_description: 'Candidate details not found for the given candidate id.' });
  });

  it('E2 cancels (204); the eligibility then reads as inactive and cancelled, and a second cancel is refused', async () => {
    const response = await call(t, p.sandbox, 'DELETE', e(`/candidates/C-1/tests/${p.testCode}`));
    expect(response.statusCode).toBe(204);
    const inactive = await call(t, p.sandbox, 'GET', e('/candidates/C-1/eligibilities?status=inactive'));
    expect(inactive.json()).toEqual([
      expect.objectContaining({
        psi_eligiblity_id: code,
        status: 'cancelled',
        eligible_to_schedule: false,
        eligibility_status_message: 'The eligibility was cancelled.',
      }),
    ]);
    expect((await call(t, p.sandbox, 'GET', e('/candidates/C-1/eligibilities?status=active'))).json()).toEqual([]);
    const again = await call(t, p.sandbox, 'DELETE', e(`/candidates/C-1/tests/${p.testCode}`));
    expect(again.json()).toEqual({ error: 'invalid_request', error_description: 'No active eligibility found for the given candidate id and test code.' });
  });

  it('E1 after a cancellation creates a new eligibility; E4 lists both, oldest first', async () => {
    t.clock.advance(60_000);
    const response = await call(t, p.sandbox, 'POST', e('/candidates'), eligibilityBody(p.testCode, 'C-1'));
    expect(response.statusCode).toBe(201);
    const both = (await call(t, p.sandbox, 'GET', e(`/candidates/C-1/tests/${p.testCode}`))).json();
    expect(both.map((x: { status: string }) => x.status)).toEqual(['cancelled', 'open']);
  });

  it('records every write in the audit log and the transition history', async () => {
    const audit = await t.ctx.db.selectFrom('audit_event').select(['action', 'target_id']).where('account_id', '=', p.accountId).execute();
    const actions = audit.filter((a) => a.target_id === code).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['eligibility.created', 'eligibility.updated', 'eligibility.vouchers_replaced', 'eligibility.cancelled']));
    const history = await t.ctx.db
      .selectFrom('eligibility_transition as h')
      .innerJoin('eligibility as e', 'e.id', 'h.eligibility_id')
      .select(['h.version', 'h.previous_state', 'h.state', 'h.reason'])
      .where('e.code', '=', code)
      .orderBy('h.version')
      .execute();
    expect(history).toEqual([
      { version: 1, previous_state: null, state: 'open', reason: 'created' },
      { version: 3, previous_state: 'open', state: 'cancelled', reason: 'cancelled_by_partner' },
    ]);
  });
});
