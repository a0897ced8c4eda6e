import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, createBody, definitionOf, V2, v1 } from './test-bodies.ts';

describe.each(DIALECTS)('Test Publication errors on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    partner = await insertPartner(t, { roles: 'psiTestPublication', subscribe: 'test-publication' });
    token = await applicationToken(t, partner.sandbox);
  });
  afterAll(() => t.close());

  const pointers = (response: { json(): { errors?: { pointer: string }[] } }) => (response.json().errors ?? []).map((e) => e.pointer).sort();

  it('refuses a second test with the same code in the account and environment with 409 TEST_PUBLICATION_CODE_TAKEN', async () => {
    const body = createBody();
    expect((await call(t, token, 'POST', `${V2}/tests`, body)).statusCode).toBe(201);
    const again = await call(t, token, 'POST', `${V2}/tests`, { ...body, title: 'Another' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json()).toMatchObject({ code: 'TEST_PUBLICATION_CODE_TAKEN', status: 409 });
  });

  it('creates a test once when the same code is sent concurrently; the others get 409', async () => {
    const body = createBody();
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(t, token, 'POST', `${V2}/tests`, body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'TEST_PUBLICATION_CODE_TAKEN')).toBe(true);
  });

  it('names every bad field of a create body that breaks the schema', async () => {
    const response = await call(
      t,
      token,
      'POST',
      `${V2}/tests`,
      createBody({
        test_code: 'lower case',
        duration_minutes: 0,
        delivery_modes: ['SITE_PROCTORED', 'SITE_PROCTORED'],
        price: { amount: -1, currency: 'usd' },
        languages: ['English'],
        delivery: { countries: ['USA'], location_codes: [] },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(pointers(response)).toEqual(
      expect.arrayContaining([
        '/body/test_code',
        '/body/duration_minutes',
        '/body/delivery_modes',
        '/body/price/amount',
        '/body/price/currency',
        '/body/languages/0',
        '/body/delivery/countries/0',
      ]),
    );
  });

  it('names every policy problem at once: tier order, fees above the price, cheaper fees closer in, unknown currency', async () => {
    const body = createBody({
      price: { amount: 5000, currency: 'ZZZ' },
      policies: {
        change_tiers: [
          { min_hours_before: 48, reschedule_fee: 3000, cancel_fee: 6000 },
          { min_hours_before: 72, reschedule_fee: 1000, cancel_fee: 0 },
        ],
      },
    });
    const response = await call(t, token, 'POST', `${V2}/tests`, body);
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toEqual([
      '/body/policies/change_tiers/0/cancel_fee',
      '/body/policies/change_tiers/1/cancel_fee',
      '/body/policies/change_tiers/1/min_hours_before',
      '/body/policies/change_tiers/1/reschedule_fee',
      '/body/price/currency',
    ]);
    // Nothing was stored.
    expect((await call(t, token, 'GET', `${V2}/tests/${body.test_code}`)).statusCode).toBe(404);
  });

  it('refuses negative fees and portions longer than the test, naming the fields', async () => {
    const response = await call(
      t,
      token,
      'POST',
      `${V2}/tests`,
      createBody({
        duration_minutes: 60,
        policies: { no_show_fee: -1, change_tiers: [{ min_hours_before: 24, reschedule_fee: -5, cancel_fee: 0 }] },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toEqual(['/body/policies/change_tiers/0/reschedule_fee', '/body/policies/no_show_fee']);
    const portions = await call(t, token, 'POST', `${V2}/tests`, createBody({ duration_minutes: 60 }));
    expect(pointers(portions)).toEqual(['/body/portions']);
  });

  it('refuses centre codes for a test that is only delivered online', async () => {
    const response = await call(
      t,
      token,
      'POST',
      `${V2}/tests`,
      createBody({ delivery_modes: ['ATLAS_REMOTE_PROCTORED'], delivery: { countries: [], location_codes: ['US-NY-0042'] } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ pointer: '/body/delivery/location_codes', message: expect.stringContaining('SITE_PROCTORED') }]);
  });

  it('refuses a PUT whose body names another test_code', async () => {
    const body = createBody();
    await call(t, token, 'POST', `${V2}/tests`, body);
    const response = await call(t, token, 'PUT', `${V2}/tests/${body.test_code}`, { ...definitionOf(body), test_code: 'OTHER' });
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toEqual(['/body/test_code']);
  });

  it('refuses to publish a published test, and any change to a retired one', async () => {
    const body = createBody();
    const code = body.test_code as string;
    await call(t, token, 'POST', `${V2}/tests`, body);
    const publishAgain = await call(t, token, 'POST', `${V2}/tests/${code}/publish`);
    expect(publishAgain.statusCode).toBe(409);
    expect(publishAgain.json()).toMatchObject({ code: 'TEST_PUBLICATION_INVALID_TRANSITION', detail: expect.stringContaining('only a draft') });

    expect((await call(t, token, 'POST', `${V2}/tests/${code}/retire`)).statusCode).toBe(200);
    const retireAgain = await call(t, token, 'POST', `${V2}/tests/${code}/retire`);
    expect(retireAgain.statusCode).toBe(409);
    expect(retireAgain.json().code).toBe('TEST_PUBLICATION_INVALID_TRANSITION');
    expect((await call(t, token, 'POST', `${V2}/tests/${code}/publish`)).json().code).toBe('TEST_PUBLICATION_INVALID_TRANSITION');
    const put = await call(t, token, 'PUT', `${V2}/tests/${code}`, { ...definitionOf(body), title: 'Too late' });
    expect(put.statusCode).toBe(409);
    expect(put.json().code).toBe('TEST_PUBLICATION_TEST_RETIRED');
    expect((await call(t, token, 'GET', `${V2}/tests/${code}`)).json()).toMatchObject({ state: 'retired', version: 1, title: body.title });
  });

  it('lets only one of two concurrent publishes of a draft succeed', async () => {
    const body = createBody({ publish: false });
    await call(t, token, 'POST', `${V2}/tests`, body);
    const answers = await Promise.all([1, 2, 3].map(() => call(t, token, 'POST', `${V2}/tests/${body.test_code}/publish`)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('answers 404 for an unknown test and an unknown version', async () => {
    const unknown = await call(t, token, 'GET', `${V2}/tests/NO-SUCH-TEST`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('TEST_PUBLICATION_TEST_NOT_FOUND');
    const body = createBody();
    await call(t, token, 'POST', `${V2}/tests`, body);
    const version = await call(t, token, 'GET', `${V2}/tests/${body.test_code}/versions/9`);
    expect(version.statusCode).toBe(404);
    expect(version.json().code).toBe('TEST_PUBLICATION_VERSION_NOT_FOUND');
  });

  it('validates the list filter and refuses a cursor it did not issue', async () => {
    const state = await call(t, token, 'GET', `${V2}/tests?state=archived`);
    expect(state.statusCode).toBe(400);
    expect(pointers(state)).toEqual(['/query/state']);
    const cursor = await call(t, token, 'GET', `${V2}/tests?cursor=not-a-cursor`);
    expect(cursor.statusCode).toBe(400);
    expect(pointers(cursor)).toEqual(['/query/cursor']);
  });

  it('replays a create with the same Idempotency-Key and body, and refuses the key with another body (422)', async () => {
    const body = createBody();
    const headers = { 'idempotency-key': `create-${body.test_code}` };
    const first = await call(t, token, 'POST', `${V2}/tests`, body, headers);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    t.clock.advance(1000);
    const replay = await call(t, token, 'POST', `${V2}/tests`, body, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const other = await call(t, token, 'POST', `${V2}/tests`, { ...body, title: 'Different' }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await call(t, token, 'GET', `${V2}/tests/${body.test_code}`)).json().title).toBe(body.title);
  });

  it('answers v1 errors in the PSI error model', async () => {
    const unknown = await call(t, token, 'GET', `${v1(partner.accountCode)}/tests/NO-SUCH-TEST`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'not_found', error_description: 'no test has the code "NO-SUCH-TEST"' });
    const invalid = await call(t, token, 'POST', `${v1(partner.accountCode)}/tests`, createBody({ duration_minutes: 0 }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('/body/duration_minutes') });
  });
});
