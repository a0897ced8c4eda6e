import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEligibility } from '../../../src/modules/eligibility/demo.ts';
import { eligibilityJobs } from '../../../src/modules/eligibility/eligibility.jobs.ts';
import { launchInfo } from '../../../src/modules/eligibility/eligibility-lifecycle.service.ts';
import { createLaunchUrlSigner, type OnlineBookingLookup } from '../../../src/modules/eligibility/online-booking-lookup.ts';
import { insertTest } from '../../factories/catalog.ts';
import { applicationToken } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, type EligibilityPartner, eligibilityBody, eligibilityPartner, v1 } from './eligibility-fixtures.ts';

const BASE = '/eligibility/v2/eligibilities';

describe.each(DIALECTS)('Eligibility lifecycle, invariants and vouchers on %s', (dialect) => {
  let t: TestApp;
  let p: EligibilityPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await eligibilityPartner(t);
  });
  afterAll(() => t.close());
  // Tokens live an hour: tests that move the clock by days get fresh ones, and every test starts at the same instant.
  afterEach(() => t.clock.set('2026-01-05T09:00:00.000Z'));

  it('the database keeps one active eligibility per candidate and test, even when 10 creates race', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => call(t, p.sandbox, 'POST', BASE, eligibilityBody(p.testCode, 'RACE-1'))));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const rows = await t.ctx.db
      .selectFrom('eligibility')
      .select('state')
      .where('test_code', '=', p.testCode)
      .where('client_eligibility_id', '=', 'CLIENT-RACE-1')
      .execute();
    expect(rows).toEqual([{ state: 'open' }]);
  });

  it('the partial unique index itself refuses a second active row written past the service', async () => {
    const [existing] = await t.ctx.db.selectFrom('eligibility').selectAll().where('client_eligibility_id', '=', 'CLIENT-RACE-1').execute();
    if (!existing) throw new Error('no eligibility');
    const copy = { ...existing, id: 'elg_copy', code: 'ECOPY', state: 'pending' as const };
    await expect(t.ctx.db.insertInto('eligibility').values(copy).execute()).rejects.toThrow();
    // A terminal copy is allowed: history is kept.
    await t.ctx.db
      .insertInto('eligibility')
      .values({ ...copy, state: 'cancelled' })
      .execute();
  });

  it('expires open and pending eligibilities whose window ended, and opens pending ones whose window started', async () => {
    const short = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(p.testCode, 'EXP-1', { eligibility_end_date: '2026-01-10' }));
    const later = await call(
      t,
      p.sandbox,
      'POST',
      BASE,
      eligibilityBody(p.testCode, 'EXP-2', { schedule_start_date: '2026-01-08', eligibility_end_date: '2026-06-30' }),
    );
    expect(later.json().state).toBe('pending');
    const job = eligibilityJobs[0];
    if (!job) throw new Error('no job');
    t.clock.set('2026-01-09T00:00:00.000Z');
    expect(await job.run(t.ctx)).toMatchObject({ opened: 1, expired: 0 });
    let token = await applicationToken(t, p.partner.sandbox);
    expect((await call(t, token, 'GET', `${BASE}/${later.json().eligibility_code}`)).json()).toMatchObject({ state: 'open', version: 2 });
    t.clock.set('2026-01-11T00:00:00.000Z');
    token = await applicationToken(t, p.partner.sandbox);
    const result = (await job.run(t.ctx)) as { expired: number };
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const expired = (await call(t, token, 'GET', `${BASE}/${short.json().eligibility_code}`)).json();
    expect(expired).toMatchObject({
      state: 'expired',
      version: 2,
      eligible_to_schedule: false,
      eligibility_status_message: 'The eligibility window ended on 2026-01-10.',
    });
    expect(await job.run(t.ctx)).toEqual({ opened: 0, expired: 0 });
    const audit = await t.ctx.db
      .selectFrom('audit_event')
      .select(['actor', 'action'])
      .where('target_id', '=', short.json().eligibility_code)
      .orderBy('occurred_at')
      .execute();
    expect(audit.at(-1)).toEqual({ actor: 'system:eligibility-worker', action: 'eligibility.expired' });
    const inactive = await call(t, token, 'GET', v1(p.partner.accountCode, '/candidates/EXP-1/eligibilities?status=inactive'));
    expect(inactive.json()).toEqual([expect.objectContaining({ status: 'expired' })]);
  });

  it('gives attempts from the test retake rule and refuses draft tests', async () => {
    const strict = await insertTest(t, p.partner, {
      policies: { retake: { waiting_days: 0, max_attempts: 1, period_days: 365 }, accommodations_allowed: ['EXTRA_TIME_50'] },
    });
    const created = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(strict.testCode, 'ATT-1'));
    expect(created.json().attempts).toEqual({ allowed: 1, used: 0 });
    const draft = await insertTest(t, p.partner, { state: 'draft' });
    const refused = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(draft.testCode, 'ATT-1'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('ELIGIBILITY_TEST_NOT_PUBLISHED');
  });

  it('signs a short-lived launch URL once the booking lookup finds an online booking', async () => {
    const created = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(p.testCode, 'LAUNCH-1'));
    const code = created.json().eligibility_code;
    const signer = createLaunchUrlSigner(Buffer.alloc(32, 7));
    const bookings: OnlineBookingLookup = { findOnlineBooking: async () => ({ bookingCode: 'BKG123', startsAt: '2026-02-01T10:00:00Z' }) };
    const scope = { accountId: p.accountId, environment: 'sandbox' as const };
    const info = await launchInfo(t.ctx, { bookings, signer }, scope, code, 'https://atlas.example');
    expect(info.booking_code).toBe('BKG123');
    expect(info.expires_at).toBe('2026-01-05T09:15:00.000Z');
    expect(info.launch_url).toMatch(/^https:\/\/atlas\.example\/proctoring\/launch\/BKG123\?elg=E[A-Z0-9]+&exp=\d+&sig=/);
    expect(signer.verify(info.launch_url, t.clock.now())).toBe(true);
    expect(signer.verify(info.launch_url.replace('BKG123', 'BKG124'), t.clock.now())).toBe(false);
    expect(signer.verify(info.launch_url, new Date('2026-01-05T09:16:00Z'))).toBe(false);
    await expect(launchInfo(t.ctx, { bookings, signer }, { ...scope, environment: 'production' }, code, 'https://atlas.example')).rejects.toMatchObject({
      code: 'ELIGIBILITY_NOT_FOUND',
    });
  });

  it('links vouchers on create, replaces and clears them (E6 and v2), refuses a bad code naming it, and releases them on cancellation', async () => {
    const batch = await call(t, p.sandbox, 'POST', '/vouchers/v2/batches', {
      name: 'Scholarship',
      test_codes: [p.testCode],
      discount: { kind: 'full' },
      expires_at: '2026-12-31T23:59:59Z',
      count: 3,
    });
    expect(batch.statusCode).toBe(201);
    const codes: string[] = (await call(t, p.sandbox, 'GET', `/vouchers/v2/batches/${batch.json().batch_id}/codes`))
      .json()
      .data.map((c: { code: string }) => c.code);
    const [first, second, third] = codes as [string, string, string];
    const voucher = async (code: string) => (await call(t, p.sandbox, 'GET', `/vouchers/v2/vouchers/${code}`)).json();

    const created = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(p.testCode, 'VCH-1', { voucher_codes: [first] }));
    expect(created.statusCode).toBe(201);
    const code = created.json().eligibility_code;
    expect(created.json().voucher_codes).toEqual([first]);
    expect(await voucher(first)).toMatchObject({ state: 'reserved', reserved_for: { type: 'eligibility', id: code } });

    const e6 = v1(p.partner.accountCode, `/candidates/VCH-1/tests/${p.testCode}/vouchers`);
    expect((await call(t, p.sandbox, 'PUT', e6, [second, third])).statusCode).toBe(204);
    expect((await call(t, p.sandbox, 'GET', `${BASE}/${code}`)).json().voucher_codes.sort()).toEqual([second, third].sort());
    expect((await voucher(first)).state).toBe('issued');

    const bad = await call(t, p.sandbox, 'PUT', e6, [second, 'NOSUCHVOUCHER']);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_request');
    expect(bad.json().error_description).toContain('NOSUCHVOUCHER');
    // Nothing changed: the failed replacement rolled back as a whole.
    expect((await call(t, p.sandbox, 'GET', `${BASE}/${code}`)).json().voucher_codes.sort()).toEqual([second, third].sort());

    const elsewhere = await call(t, p.sandbox, 'POST', BASE, eligibilityBody(p.testCode, 'VCH-2', { voucher_codes: [second] }));
    expect(elsewhere.statusCode).toBeGreaterThanOrEqual(400);
    expect(elsewhere.json().code).toMatch(/^VOUCHER_/);

    expect((await call(t, p.sandbox, 'PUT', e6, [])).statusCode).toBe(204);
    expect((await call(t, p.sandbox, 'GET', `${BASE}/${code}`)).json().voucher_codes).toEqual([]);

    const relinked = await call(t, p.sandbox, 'PUT', `${BASE}/${code}/vouchers`, { voucher_codes: [third] });
    expect(relinked.json().voucher_codes).toEqual([third]);
    const cancelled = await call(t, p.sandbox, 'DELETE', v1(p.partner.accountCode, `/candidates/VCH-1/tests/${p.testCode}`));
    expect(cancelled.statusCode).toBe(204);
    expect(await voucher(third)).toMatchObject({ state: 'issued', reserved_for: null });
  });

  it('seeds demo eligibilities in both environments for the account’s published tests', async () => {
    const demo = await eligibilityPartner(t);
    await insertTest(t, demo.partner, { environment: 'production' });
    await seedDemoEligibility(t.ctx, { accountId: demo.accountId, accountCode: demo.partner.accountCode });
    for (const token of [demo.sandbox, demo.production]) {
      const page = (await call(t, token, 'GET', `${BASE}?page_size=50`)).json();
      expect(page.data.length).toBe(5);
      expect(page.data.map((e: { state: string }) => e.state).sort()).toEqual(['cancelled', 'open', 'open', 'open', 'pending']);
    }
  });
});
