import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../../src/jobs/worker.ts';
import { createLaunchUrlSigner } from '../../../src/modules/eligibility/online-booking-lookup.ts';
import { ManualClock } from '../../../src/platform/clock.ts';
import {
  B2,
  type BookingPartner,
  bookingPartner,
  cardPayment,
  get,
  holdAt,
  insertBookingCenter,
  insertOpenEligibility,
  post,
  slotAt,
} from '../../factories/booking.ts';
import { applicationToken } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

const MINUTE = 60_000;

function job(name: string) {
  const found = JOBS.find((j) => j.name === name);
  if (!found) throw new Error(`no worker job ${name}`);
  return found;
}

/** Holds expiring, no-shows, excused absences and E7 launch info, driven by the worker's jobs and a ManualClock. */
describe.each(DIALECTS)('Booking lifecycle jobs on %s', (dialect) => {
  const secret = Buffer.alloc(32, 7);
  let t: TestApp;
  let p: BookingPartner;
  let centre: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock('2026-01-05T09:00:00.000Z'), config: { urlSigningSecret: secret } });
    p = await bookingPartner(t);
    centre = (await insertBookingCenter(t, { seats: 4 })).location_code;
  });
  afterAll(() => t.close());

  const eligibilityOf = (code: string) =>
    t.ctx.db.selectFrom('eligibility').select(['state', 'attempts_used']).where('code', '=', code).executeTakeFirstOrThrow();
  const eventsOf = async (code: string) =>
    (await t.ctx.db.selectFrom('outbox_event').select(['type', 'payload']).where('entity_id', '=', code).orderBy('entity_version').execute()).map((e) => [
      e.type,
      JSON.parse(e.payload).change_reason,
    ]);

  it('hold expiry: the worker expires a hold past its time, frees the seat and refunds the payment made for it', async () => {
    const first = await holdAt(t, p, centre, '2026-01-26T13:00:00.000Z');
    const paid = await post(t, p.sandbox, '/payment/v2/payments', { hold_id: first.holdId, ...cardPayment() });
    expect(paid.statusCode).toBe(201);
    t.clock.advance(5 * MINUTE);
    const second = await holdAt(t, p, centre, '2026-01-26T13:00:00.000Z');
    expect((await slotAt(t, p, centre, '2026-01-26T13:00:00.000Z'))?.seats_available).toBe(2);

    t.clock.advance(5 * MINUTE - 1000);
    expect(await job('hold-expiry').run(t.ctx)).toBe(0);
    t.clock.advance(1000);
    expect(await job('hold-expiry').run(t.ctx)).toBe(1);
    const states = await t.ctx.db.selectFrom('hold').select(['id', 'state']).where('id', 'in', [first.holdId, second.holdId]).execute();
    expect(Object.fromEntries(states.map((h) => [h.id, h.state]))).toEqual({ [first.holdId]: 'expired', [second.holdId]: 'active' });
    expect((await slotAt(t, p, centre, '2026-01-26T13:00:00.000Z'))?.seats_available).toBe(3);
    const payment = await t.ctx.db.selectFrom('payment').selectAll().where('id', '=', paid.json().payment_id).executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ state: 'succeeded', refunded_amount: 15000, booking_id: null });
    expect(await t.ctx.db.selectFrom('refund').select(['amount', 'state']).where('payment_id', '=', payment.id).execute()).toEqual([
      { amount: 15000, state: 'succeeded' },
    ]);
    // The expired hold cannot be confirmed any more; the eligibility stays open for a new hold.
    const late = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: first.holdId, payment: { payment_id: payment.id } });
    expect(late.statusCode).toBeGreaterThanOrEqual(400);
    expect(late.statusCode).toBeLessThan(500);
    expect(await t.ctx.db.selectFrom('booking').select('id').where('hold_id', '=', first.holdId).execute()).toEqual([]);
    expect((await eligibilityOf(first.eligibilityCode)).state).toBe('open');
    // A second run finds nothing more to do.
    expect(await job('hold-expiry').run(t.ctx)).toBe(0);
  });

  it('a hold past its time that the worker has not swept yet is refused before any card is charged', async () => {
    const { holdId } = await holdAt(t, p, centre, '2026-01-26T15:00:00.000Z');
    t.clock.advance(10 * MINUTE);
    const late = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: cardPayment() });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'BOOKING_HOLD_NOT_ACTIVE' });
    expect(await t.ctx.db.selectFrom('payment').select('id').where('hold_id', '=', holdId).execute()).toEqual([]);
    expect(await job('hold-expiry').run(t.ctx)).toBeGreaterThanOrEqual(1);
  });

  it('E7 testLaunchInfo (v1) answers a signed launch URL for an online booking, and 400 before it and after its cancellation', async () => {
    const eligibility = await insertOpenEligibility(t, p);
    const e7 = `/eligibility/v1/eligibilities/${eligibility.code}/testLaunchInfo`;
    const before = await get(t, p.sandbox, e7);
    expect(before.statusCode).toBe(400);
    expect(before.json()).toHaveProperty('error');

    const slots = await get(
      t,
      p.sandbox,
      `${B2}/slots?test_code=${p.testCode}&delivery_mode=ATLAS_REMOTE_PROCTORED&from=2026-01-27T02:00:00Z&to=2026-01-27T02:30:00Z`,
    );
    const online = slots.json().data[0];
    expect(online).toMatchObject({
      delivery_mode: 'ATLAS_REMOTE_PROCTORED',
      location_code: null,
      location_timezone: null,
      starts_at: '2026-01-27T02:00:00.000Z',
    });
    const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: online.slot_id });
    const booking = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: hold.json().hold_id, payment: cardPayment() });
    expect(booking.statusCode).toBe(201);
    expect(booking.json()).toMatchObject({ delivery_mode: 'ATLAS_REMOTE_PROCTORED', location: null });
    const code = booking.json().booking_code as string;

    const info = await get(t, p.sandbox, e7);
    expect(info.statusCode).toBe(200);
    const { launch_url, expires_at } = info.json();
    expect(launch_url).toContain(`/proctoring/launch/${code}?`);
    expect(new URL(launch_url).searchParams.get('elg')).toBe(eligibility.code);
    expect(Date.parse(expires_at)).toBeGreaterThan(t.clock.now().getTime());
    expect(createLaunchUrlSigner(secret).verify(launch_url, t.clock.now())).toBe(true);
    expect(createLaunchUrlSigner(Buffer.alloc(32, 8)).verify(launch_url, t.clock.now())).toBe(false);
    // Production cannot see the sandbox booking.
    expect((await get(t, p.production, e7)).statusCode).toBe(400);

    expect((await post(t, p.sandbox, `${B2}/bookings/${code}/cancel`, {})).statusCode).toBe(200);
    expect((await get(t, p.sandbox, e7)).statusCode).toBe(400);
  });

  it('a site booking gives no launch info', async () => {
    const { holdId, eligibilityCode } = await holdAt(t, p, centre, '2026-01-27T13:00:00.000Z');
    expect((await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: cardPayment() })).statusCode).toBe(201);
    expect((await get(t, p.sandbox, `/eligibility/v1/eligibilities/${eligibilityCode}/testLaunchInfo`)).statusCode).toBe(400);
  });

  it('no-show: the worker marks a confirmed booking nobody checked in to after start + grace; an excused absence gives the attempt back', async () => {
    const absent = await holdAt(t, p, centre, '2026-01-28T13:00:00.000Z');
    const present = await holdAt(t, p, centre, '2026-01-28T13:00:00.000Z');
    const absentCode = (await post(t, p.sandbox, `${B2}/bookings`, { hold_id: absent.holdId, payment: cardPayment() })).json().booking_code as string;
    const presentCode = (await post(t, p.sandbox, `${B2}/bookings`, { hold_id: present.holdId, payment: cardPayment() })).json().booking_code as string;
    expect((await slotAt(t, p, centre, '2026-01-28T13:00:00.000Z'))?.seats_available).toBe(2);

    // Start 2026-01-28T13:00Z; the present candidate checks in at the start.
    t.clock.advance(Date.parse('2026-01-28T13:00:00.000Z') - t.clock.now().getTime());
    // Tokens issued three weeks ago have expired.
    p.sandbox = await applicationToken(t, p.partner.sandbox);
    expect((await post(t, p.sandbox, `${B2}/bookings/${presentCode}/simulate`, { event: 'CHECKED_IN' })).json().status).toBe('checked_in');
    // Yesterday's site booking (previous test) is a no-show by now: the job catches up with it first.
    expect(await job('no-show-marking').run(t.ctx)).toBe(1);
    t.clock.advance(30 * MINUTE - 1000);
    expect(await job('no-show-marking').run(t.ctx)).toBe(0);
    expect((await get(t, p.sandbox, `${B2}/bookings/${absentCode}`)).json().status).toBe('confirmed');
    t.clock.advance(2000);
    expect(await job('no-show-marking').run(t.ctx)).toBe(1);
    expect(await job('no-show-marking').run(t.ctx)).toBe(0);

    const noShow = (await get(t, p.sandbox, `${B2}/bookings/${absentCode}`)).json();
    expect(noShow).toMatchObject({ status: 'no_show', version: 2, cancellation_quote: null });
    expect((await get(t, p.sandbox, `${B2}/bookings/${presentCode}`)).json().status).toBe('checked_in');
    // The attempt is consumed; attempts remain, so the eligibility is open again (retake waiting period applies).
    expect(await eligibilityOf(absent.eligibilityCode)).toEqual({ state: 'open', attempts_used: 1 });
    expect(await eligibilityOf(present.eligibilityCode)).toEqual({ state: 'scheduled', attempts_used: 0 });
    // An absence is not a cancellation: nothing is refunded.
    const refunds = await t.ctx.db
      .selectFrom('refund')
      .innerJoin('payment', 'payment.id', 'refund.payment_id')
      .innerJoin('booking', 'booking.id', 'payment.booking_id')
      .select('refund.id')
      .where('booking.booking_code', '=', absentCode)
      .execute();
    expect(refunds).toEqual([]);
    // Only the absent candidate's seat went back.
    const cells = await t.ctx.db
      .selectFrom('seat_cell')
      .select(['cell_start', 'taken'])
      .where('environment', '=', 'sandbox')
      .where('cell_start', '>=', '2026-01-28T13:00:00.000Z')
      .where('cell_start', '<', '2026-01-28T15:00:00.000Z')
      .execute();
    expect(cells.map((c) => Number(c.taken))).toEqual([1, 1, 1, 1]);

    const excused = await post(t, p.sandbox, `${B2}/bookings/${absentCode}/simulate`, { event: 'EXCUSED_ABSENT' });
    expect(excused.statusCode).toBe(200);
    expect(excused.json()).toMatchObject({ status: 'excused_absence', version: 3 });
    expect(await eligibilityOf(absent.eligibilityCode)).toEqual({ state: 'open', attempts_used: 0 });
    // Excused once only; a checked-in booking cannot be excused.
    expect((await post(t, p.sandbox, `${B2}/bookings/${absentCode}/simulate`, { event: 'EXCUSED_ABSENT' })).json().code).toBe('BOOKING_NOT_CHANGEABLE');
    expect((await post(t, p.sandbox, `${B2}/bookings/${presentCode}/simulate`, { event: 'EXCUSED_ABSENT' })).statusCode).toBe(409);
    expect(await eventsOf(absentCode)).toEqual([
      ['booking.created', 'BOOKING_CREATED'],
      ['booking.no_show', 'ABSENT'],
      ['booking.excused_absence', 'EXCUSED_ABSENT'],
    ]);
  });
});
