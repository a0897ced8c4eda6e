import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelClosure, closeCenter, createCenter, showCenterForCoordinator, updateCenter } from '../../../src/modules/test-centers/center-admin.service.ts';
import { seedDemoTestCenters } from '../../../src/modules/test-centers/demo.ts';
import { parseHoursSpec } from '../../../src/modules/test-centers/opening-hours.policy.ts';
import { AppError } from '../../../src/platform/errors.ts';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

/** Coordinator actions through the services the admin CLI calls (the CLI itself is spawned in test/cli). */

const ALICE = 'coordinator:alice';
const BOB = 'coordinator:bob';

const centre = (code: string) => ({
  location_code: code,
  name: 'Atlas Test Center – Newark',
  address_line1: '1 Gateway Center',
  city: 'Newark',
  region: 'NJ',
  postal_code: '07102',
  country: 'us',
  latitude: 40.7357,
  longitude: -74.1724,
  timezone: 'America/New_York',
  seats: 12,
  opening_hours: parseHoursSpec('mon-fri 08:00-17:00'),
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(DIALECTS)('Test centre coordinator actions on %s', (dialect) => {
  let t: TestApp;

  const audit = (action: string) => t.ctx.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('occurred_at').execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-03-05T15:00:00.000Z');
  });
  afterAll(() => t.close());

  it('creates a centre with normalised codes and audits it without an account', async () => {
    const created = await createCenter(t.ctx, centre('us-ewr-01'), ALICE);
    expect(created).toMatchObject({ location_code: 'US-EWR-01', address: { country: 'US' }, seats: 12, status: 'active', version: 1 });
    const [event] = await audit('test_center.created');
    expect(event).toMatchObject({ actor: ALICE, account_id: null, target_type: 'test_center' });
    expect(JSON.parse(event?.details ?? '{}')).toMatchObject({ location_code: 'US-EWR-01', seats: 12, opening_hours: { monday: [{ opens: '08:00' }] } });
  });

  it('refuses a second centre with the same code, and bad fields with the field named', async () => {
    expect((await refusal(createCenter(t.ctx, centre('US-EWR-01'), ALICE))).code).toBe('TEST_CENTERS_LOCATION_CODE_TAKEN');
    const cases: [Record<string, unknown>, string][] = [
      [{ timezone: 'Eastern Time' }, 'time zone'],
      [{ country: 'USA' }, 'country'],
      [{ latitude: 95 }, 'latitude'],
      [{ seats: -1 }, 'seats'],
      [{ seats: 2.5 }, 'seats'],
      [{ location_code: 'US EWR' }, 'location code'],
      [{ name: '  ' }, 'name is required'],
    ];
    for (const [override, message] of cases) {
      const error = await refusal(createCenter(t.ctx, { ...centre('US-EWR-09'), ...override } as never, ALICE));
      expect(error.code).toBe('TEST_CENTERS_INVALID_INPUT');
      expect(error.message).toContain(message);
    }
  });

  it('records a seat reduction in the capacity history and answers what it affects', async () => {
    const reduced = await updateCenter(t.ctx, 'US-EWR-01', { seats: 8, reason: 'Room B under repair' }, BOB);
    expect(reduced).toMatchObject({ seats: 8, previous_seats: 12, version: 2, affected_bookings: [] });
    const renamed = await updateCenter(
      t.ctx,
      'US-EWR-01',
      { name: 'Atlas Test Center – Newark Gateway', opening_hours: parseHoursSpec('mon-sat 07:00-19:00') },
      ALICE,
    );
    expect(renamed).toMatchObject({
      name: 'Atlas Test Center – Newark Gateway',
      version: 3,
      weekly_hours: { saturday: [{ opens: '07:00', closes: '19:00' }] },
    });
    expect(renamed).not.toHaveProperty('previous_seats');
    const shown = await showCenterForCoordinator(t.ctx, 'US-EWR-01');
    expect(shown.capacity_changes).toEqual([
      { version: 2, previous_seats: 12, seats: 8, reason: 'Room B under repair', changed_by: BOB, changed_at: '2026-03-05T15:00:00.000Z' },
    ]);
    const events = await audit('test_center.updated');
    expect(events.map((e) => e.actor)).toEqual([BOB, ALICE]);
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ seats: 8, previous_seats: 12 });
  });

  it('refuses an update with nothing to change, and one for an unknown centre', async () => {
    expect((await refusal(updateCenter(t.ctx, 'US-EWR-01', {}, ALICE))).code).toBe('TEST_CENTERS_INVALID_INPUT');
    expect((await refusal(updateCenter(t.ctx, 'XX-NOPE-01', { seats: 3 }, ALICE))).code).toBe('TEST_CENTERS_NOT_FOUND');
  });

  it('lets only one of two simultaneous changes of the same version through', async () => {
    const results = await Promise.allSettled([
      updateCenter(t.ctx, 'US-EWR-01', { seats: 6, reason: 'a' }, ALICE),
      updateCenter(t.ctx, 'US-EWR-01', { seats: 10, reason: 'b' }, BOB),
    ]);
    const shown = await showCenterForCoordinator(t.ctx, 'US-EWR-01');
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    // SQLite serialises the two transactions (both succeed, one after the other); PostgreSQL may refuse the loser.
    for (const rejected of results.filter((r) => r.status === 'rejected')) {
      expect((rejected.reason as AppError).code).toBe('TEST_CENTERS_CONCURRENT_CHANGE');
    }
    expect(shown.capacity_changes).toHaveLength(1 + fulfilled.length);
    expect(new Set(shown.capacity_changes.map((c) => c.version)).size).toBe(shown.capacity_changes.length);
  });

  it('records a closure, shows it to partners, and cancels it once', async () => {
    const closed = await closeCenter(t.ctx, 'US-EWR-01', { from: '2026-03-10T08:00:00-04:00', to: '2026-03-10T12:00:00-04:00', reason: 'Power outage' }, ALICE);
    expect(closed).toEqual({
      location_code: 'US-EWR-01',
      closure: {
        closure_id: expect.stringMatching(/^cls_/),
        starts_at: '2026-03-10T12:00:00.000Z',
        ends_at: '2026-03-10T16:00:00.000Z',
        starts_at_local: '2026-03-10T08:00:00-04:00',
        ends_at_local: '2026-03-10T12:00:00-04:00',
        reason: 'Power outage',
        status: 'scheduled',
      },
      affected_bookings: [],
    });
    const partner = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers' });
    const token = await applicationToken(t, partner.sandbox);
    const detail = async () => (await t.app.inject({ url: '/test-centers/v2/test-centers/US-EWR-01', headers: bearer(token) })).json();
    expect((await detail()).upcoming_closures).toHaveLength(1);

    const cancelled = await cancelClosure(t.ctx, 'US-EWR-01', closed.closure.closure_id, BOB);
    expect(cancelled.closure).toMatchObject({ status: 'cancelled', cancelled_at: '2026-03-05T15:00:00.000Z' });
    expect((await detail()).upcoming_closures).toEqual([]);
    expect((await refusal(cancelClosure(t.ctx, 'US-EWR-01', closed.closure.closure_id, BOB))).code).toBe('TEST_CENTERS_CLOSURE_NOT_CANCELLABLE');
    expect((await refusal(cancelClosure(t.ctx, 'US-EWR-01', 'cls_unknown', BOB))).code).toBe('TEST_CENTERS_CLOSURE_NOT_FOUND');
    expect((await audit('test_center.closure_scheduled')).map((e) => e.actor)).toEqual([ALICE]);
    expect((await audit('test_center.closure_cancelled')).map((e) => e.actor)).toEqual([BOB]);
  });

  it('refuses closures that end before they start, are already over, or have no zone', async () => {
    const cases: [string, string, string][] = [
      ['2026-03-10T12:00:00Z', '2026-03-10T08:00:00Z', 'end after it starts'],
      ['2026-03-01T08:00:00Z', '2026-03-02T08:00:00Z', 'already over'],
      ['2026-03-10T08:00:00', '2026-03-10T12:00:00Z', 'with Z or an offset'],
    ];
    for (const [from, to, message] of cases) {
      const error = await refusal(closeCenter(t.ctx, 'US-EWR-01', { from, to, reason: 'x' }, ALICE));
      expect(error.code).toBe('TEST_CENTERS_INVALID_INPUT');
      expect(error.message).toContain(message);
    }
    expect(
      (await refusal(closeCenter(t.ctx, 'US-EWR-01', { from: '2026-03-10T08:00:00Z', to: '2026-03-10T09:00:00Z', reason: ' ' }, ALICE))).message,
    ).toContain('reason');
  });

  it('seeds the demo network next to existing centres without failing or duplicating', async () => {
    await createCenter(t.ctx, { ...centre('US-NYC-01'), name: 'Kept as it was' }, ALICE);
    await seedDemoTestCenters(t.ctx, { accountId: 'unused', accountCode: 'UNUSED' });
    await seedDemoTestCenters(t.ctx, { accountId: 'unused', accountCode: 'UNUSED' });
    const rows = await t.ctx.db.selectFrom('test_center').select(['location_code', 'name']).execute();
    expect(rows).toHaveLength(27);
    expect(rows.find((r) => r.location_code === 'US-NYC-01')?.name).toBe('Kept as it was');
    const countries = new Set((await t.ctx.db.selectFrom('test_center').select('country').execute()).map((r) => r.country));
    expect([...countries].sort()).toEqual(['AU', 'CA', 'GB', 'IN', 'MX', 'PH', 'US']);
  });
});
