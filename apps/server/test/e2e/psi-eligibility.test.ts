import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTest } from '../factories/catalog.ts';
import { insertPartner, type TestPartner } from '../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../harness.ts';

/**
 * The acceptance walk of psi-compat.md "Eligibility" as a PSI partner's integration runs it: plain HTTP (fetch)
 * against a listening server, a user token from the password grant with Basic key:secret, then E1–E8 in the order a
 * partner uses them. Every error_description is written out literally, as published (doubled periods included).
 */

describe.each(DIALECTS)('PSI Eligibility acceptance walk over HTTP on %s', (dialect) => {
  let t: TestApp;
  let origin: string;
  let partner: TestPartner;
  let other: TestPartner;
  let token: string;
  let testCode: string;
  let eligibilityCode: string;

  async function http(method: string, path: string, body?: unknown, bearer = token): Promise<{ status: number; body: any; text: string }> {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
  }
  const acct = (rest: string, account = partner.accountCode) => `/eligibility/v1/accounts/${account}${rest}`;
  const expectPsi400 = (answer: { status: number; body: unknown }, description: string) => {
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_request', error_description: description });
  };

  const candidate = {
    candidate_id: 'PSI-0001',
    first_name: 'Mary',
    last_name: 'Jackson',
    middle_name: 'Winston',
    email: 'mary.jackson@example.org',
    address1: '1 Langley Blvd',
    city: 'Hampton',
    province_state: 'VA',
    postal_code: '23681',
    country: 'US',
    home_phone: '+1 757 555 0100',
    school_code: 'HU-01',
    special_accommodations: ['EXTRA_TIME_50'],
    additional_attributes: [{ key: 'cohort', value: '2026-spring' }],
  };
  const eligibility = () => ({
    candidate,
    test_code: testCode,
    client_eligibility_id: 'CLIENT-0001',
    schedule_start_date: '2026-01-01',
    eligibility_end_date: '2026-06-30',
    portion_codes: ['P1'],
    registration_mode: 'BATCH',
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    partner = await insertPartner(t);
    other = await insertPartner(t);
    testCode = (await insertTest(t, partner, { testCode: 'NURSE-RN', portions: [{ portion_code: 'P1', portion_name: 'Core' }] })).testCode;
    await insertTest(t, other, { testCode: 'NURSE-RN' });
    // PSI partners use the password grant, authenticated by Basic consumer_key:consumer_secret.
    const basic = Buffer.from(`${partner.sandbox.consumer_key}:${partner.sandbox.consumer_secret}`).toString('base64');
    const tokenResponse = await fetch(`${origin}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: partner.username, password: partner.password }),
    });
    expect(tokenResponse.status).toBe(200);
    token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  });
  afterAll(() => t.close());

  it('E1 creates the candidate and eligibility: 201 with the read model', async () => {
    const created = await http('POST', acct('/candidates'), eligibility());
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      candidate: {
        ...candidate,
        suffix: null,
        address2: null,
        office_phone: null,
      },
      client_eligibility_id: 'CLIENT-0001',
      created_datetime: '2026-01-05T09:00:00.000Z',
      eligibility_end_date: '2026-06-30',
      eligibility_status_message: 'The candidate is eligible to schedule.',
      eligible_to_schedule: true,
      portion_codes: ['P1'],
      psi_eligiblity_id: expect.stringMatching(/^E[A-Z0-9]{15}$/),
      schedule_start_date: '2026-01-01',
      status: 'open',
      test_code: 'NURSE-RN',
    });
    expect(created.body).not.toHaveProperty('registration_mode');
    expect(created.body).not.toHaveProperty('voucher_codes');
    eligibilityCode = created.body.psi_eligiblity_id;
  });

  it('reads it back three ways: E3 (status=active), E4 (by test) and E5 (all), each an array', async () => {
    for (const path of [acct('/candidates/PSI-0001/eligibilities?status=active'), acct('/candidates/PSI-0001/tests/NURSE-RN'), acct('/candidates/PSI-0001')]) {
      const read = await http('GET', path);
      expect(read.status).toBe(200);
      expect(Array.isArray(read.body)).toBe(true);
      expect(read.body).toHaveLength(1);
      expect(read.body[0]).toMatchObject({ psi_eligiblity_id: eligibilityCode, status: 'open', client_eligibility_id: 'CLIENT-0001' });
    }
  });

  it('E3 status filters: active, inactive and all are valid; anything else or nothing is a 400 with the published text', async () => {
    expect((await http('GET', acct('/candidates/PSI-0001/eligibilities?status=active'))).body).toHaveLength(1);
    expect((await http('GET', acct('/candidates/PSI-0001/eligibilities?status=inactive'))).body).toEqual([]);
    expect((await http('GET', acct('/candidates/PSI-0001/eligibilities?status=all'))).body).toHaveLength(1);
    expectPsi400(
      await http('GET', acct('/candidates/PSI-0001/eligibilities?status=pending')),
      'The request is invalid. Only active, inactive, or all can be passed as values.',
    );
    expectPsi400(
      await http('GET', acct('/candidates/PSI-0001/eligibilities')),
      'The request is invalid. Only active, inactive, or all can be passed as values.',
    );
  });

  it('unknown account, on each endpoint: a code nobody has and another partner’s real code answer the same published text', async () => {
    for (const account of ['QQQQ2222', other.accountCode]) {
      expectPsi400(await http('POST', acct('/candidates', account), eligibility()), 'Unable to get the account details for the given accountCode.');
      expectPsi400(
        await http('DELETE', acct('/candidates/PSI-0001/tests/NURSE-RN', account)),
        'Unable to get the account and test details for the given accountCode/testCode.',
      );
      expectPsi400(
        await http('GET', acct('/candidates/PSI-0001/eligibilities?status=all', account)),
        'Unable to get the account and test details for the given accountCode/testCode..',
      );
      expectPsi400(await http('GET', acct('/candidates/PSI-0001/tests/NURSE-RN', account)), 'Unable to get the account details for the given accountCode.');
      expectPsi400(await http('GET', acct('/candidates/PSI-0001', account)), 'Unable to get the account and test details for the given accountCode/testCode..');
      expectPsi400(
        await http('PUT', acct('/candidates/PSI-0001/tests/NURSE-RN/vouchers', account), []),
        'Unable to get the account details for the given accountCode.',
      );
      expectPsi400(
        await http('PUT', acct('/candidates/PSI-0001/tests/NURSE-RN', account), eligibility()),
        'Unable to get the account details for the given accountCode.',
      );
    }
  });

  it('unknown test, on each endpoint that names one', async () => {
    expectPsi400(await http('POST', acct('/candidates'), { ...eligibility(), test_code: 'NO-SUCH-TEST' }), 'No mapping found for the given test code.');
    expectPsi400(await http('DELETE', acct('/candidates/PSI-0001/tests/NO-SUCH-TEST')), 'No mapping found for the given test code.');
    expectPsi400(await http('GET', acct('/candidates/PSI-0001/tests/NO-SUCH-TEST')), 'No mapping found for the given test code.');
    expectPsi400(await http('PUT', acct('/candidates/PSI-0001/tests/NO-SUCH-TEST/vouchers'), []), 'No mapping found for the given test code.');
    expectPsi400(
      await http('PUT', acct('/candidates/PSI-0001/tests/NO-SUCH-TEST'), { ...eligibility(), test_code: 'NO-SUCH-TEST' }),
      'No mapping found for the given test code.',
    );
  });

  it('unknown candidate, on each endpoint that names one', async () => {
    expectPsi400(await http('DELETE', acct('/candidates/NOBODY/tests/NURSE-RN')), 'Candidate details not found for the given candidate id.');
    expectPsi400(await http('GET', acct('/candidates/NOBODY/eligibilities?status=all')), 'No data found for the given candidate id.');
    expectPsi400(await http('GET', acct('/candidates/NOBODY/tests/NURSE-RN')), 'No data found for the given candidate id.');
    expectPsi400(await http('GET', acct('/candidates/NOBODY')), 'No data found for the given candidate id.');
    expectPsi400(await http('PUT', acct('/candidates/NOBODY/tests/NURSE-RN/vouchers'), []), 'Candidate details not found for the given candidate id.');
  });

  it('unknown eligibility code on E7, including another partner’s real code', async () => {
    expectPsi400(
      await http('GET', '/eligibility/v1/eligibilities/ENOSUCHCODE23456/testLaunchInfo'),
      'Unable to get the account and test details for the given accountCode/testCode.',
    );
    const otherToken = await fetch(`${origin}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${other.sandbox.consumer_key}:${other.sandbox.consumer_secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const otherBearer = ((await otherToken.json()) as { access_token: string }).access_token;
    expectPsi400(
      await http('GET', `/eligibility/v1/eligibilities/${eligibilityCode}/testLaunchInfo`, undefined, otherBearer),
      'Unable to get the account and test details for the given accountCode/testCode.',
    );
  });

  it('E8 updates the allowed fields (demographics and window) and answers the read model', async () => {
    const updated = await http('PUT', acct('/candidates/PSI-0001/tests/NURSE-RN'), {
      ...eligibility(),
      candidate: { ...candidate, last_name: 'Jackson-Smith', email: 'mary@example.org', city: 'Norfolk' },
      eligibility_end_date: '2026-09-30',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      psi_eligiblity_id: eligibilityCode,
      eligibility_end_date: '2026-09-30',
      candidate: { last_name: 'Jackson-Smith', email: 'mary@example.org', city: 'Norfolk' },
    });
    const read = await http('GET', acct('/candidates/PSI-0001/tests/NURSE-RN'));
    expect(read.body[0]).toMatchObject({ eligibility_end_date: '2026-09-30', candidate: { last_name: 'Jackson-Smith' } });
  });

  it('E8 refuses the forbidden fields with a clear 400 and changes nothing', async () => {
    const forbidden = [
      [{ ...eligibility(), candidate: { ...candidate, candidate_id: 'PSI-0002' } }, 'candidate_id cannot change; cancel this eligibility and create a new one'],
      [
        { ...eligibility(), candidate: { ...candidate, special_accommodations: ['SEPARATE_ROOM'] } },
        'special_accommodations cannot change; cancel this eligibility and create a new one',
      ],
      [{ ...eligibility(), client_eligibility_id: 'CLIENT-9999' }, 'client_eligibility_id cannot change; cancel this eligibility and create a new one'],
      [{ ...eligibility(), test_code: 'OTHER-TEST' }, 'test_code cannot change; cancel this eligibility and create a new one'],
    ] as const;
    for (const [body, description] of forbidden) expectPsi400(await http('PUT', acct('/candidates/PSI-0001/tests/NURSE-RN'), body), description);
    const read = await http('GET', acct('/candidates/PSI-0001'));
    expect(read.body[0]).toMatchObject({
      client_eligibility_id: 'CLIENT-0001',
      candidate: { candidate_id: 'PSI-0001', special_accommodations: ['EXTRA_TIME_50'] },
    });
  });

  it('E6 replaces the voucher set and [] clears it (204 each)', async () => {
    const batch = await http('POST', '/vouchers/v2/batches', {
      name: 'Scholarship',
      test_codes: ['NURSE-RN'],
      discount: { kind: 'full' },
      expires_at: '2026-12-31T23:59:59Z',
      count: 2,
    });
    expect(batch.status).toBe(201);
    const codes: string[] = (await http('GET', `/vouchers/v2/batches/${batch.body.batch_id}/codes`)).body.data.map((c: { code: string }) => c.code);
    const vouchers = acct('/candidates/PSI-0001/tests/NURSE-RN/vouchers');
    const linked = await http('PUT', vouchers, codes);
    expect(linked.status).toBe(204);
    expect(linked.text).toBe('');
    for (const code of codes)
      expect((await http('GET', `/vouchers/v2/vouchers/${code}`)).body).toMatchObject({ state: 'reserved', reserved_for: { id: eligibilityCode } });
    expect((await http('GET', `/eligibility/v2/eligibilities/${eligibilityCode}`)).body.voucher_codes.sort()).toEqual([...codes].sort());
    const replaced = await http('PUT', vouchers, [codes[0]]);
    expect(replaced.status).toBe(204);
    expect((await http('GET', `/vouchers/v2/vouchers/${codes[1]}`)).body.state).toBe('issued');
    const cleared = await http('PUT', vouchers, []);
    expect(cleared.status).toBe(204);
    expect((await http('GET', `/eligibility/v2/eligibilities/${eligibilityCode}`)).body.voucher_codes).toEqual([]);
    expect((await http('GET', `/vouchers/v2/vouchers/${codes[0]}`)).body.state).toBe('issued');
  });

  it('E7 launch info: no online booking yet → 400 with our clear text', async () => {
    expectPsi400(
      await http('GET', `/eligibility/v1/eligibilities/${eligibilityCode}/testLaunchInfo`),
      'No online booking found for the given eligibility. Launch information is available once the candidate has booked an online (ATLAS_REMOTE_PROCTORED) appointment.',
    );
  });

  it('E2 cancels (204, empty body) and the re-read shows it inactive and cancelled', async () => {
    const cancelled = await http('DELETE', acct('/candidates/PSI-0001/tests/NURSE-RN'));
    expect(cancelled.status).toBe(204);
    expect(cancelled.text).toBe('');
    expect((await http('GET', acct('/candidates/PSI-0001/eligibilities?status=active'))).body).toEqual([]);
    const inactive = await http('GET', acct('/candidates/PSI-0001/eligibilities?status=inactive'));
    expect(inactive.body).toEqual([
      expect.objectContaining({
        psi_eligiblity_id: eligibilityCode,
        status: 'cancelled',
        eligible_to_schedule: false,
        eligibility_status_message: 'The eligibility was cancelled.',
      }),
    ]);
    expect((await http('GET', acct('/candidates/PSI-0001'))).body[0]).toMatchObject({ status: 'cancelled' });
  });
});
