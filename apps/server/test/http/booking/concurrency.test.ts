import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B2, type BookingPartner, bookingPartner, get, insertBookingCenter, insertOpenEligibility, post } from '../../factories/booking.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

/** R1 (targets.md): hundreds of concurrent holds, then confirmations, on one slot with 10 seats. */
describe.each(DIALECTS)('R1 seat inventory under concurrency on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let slotId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { maxActiveHoldsPerAccount: 1000 } });
    p = await bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
    const centre = await insertBookingCenter(t, { seats: 10 });
    const slots = await get(
      t,
      p.sandbox,
      `${B2}/slots?test_code=${p.testCode}&location_code=${centre.location_code}&from=2026-01-20T13:00:00Z&to=2026-01-20T13:30:00Z`,
    );
    slotId = slots.json().data[0].slot_id;
  }, 120_000);
  afterAll(() => t.close());

  it('500 concurrent holds on a 10-seat slot: exactly 10 succeed, the rest a clean 409, no seat count out of bounds', async () => {
    const eligibilities = [];
    for (let i = 0; i < 500; i++) eligibilities.push(await insertOpenEligibility(t, p));
    const answers = await Promise.all(eligibilities.map((e) => post(t, p.sandbox, `${B2}/holds`, { eligibility_code: e.code, slot_id: slotId })));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(490);
    for (const refused of answers.filter((a) => a.statusCode === 409)) expect(refused.json()).toMatchObject({ code: 'BOOKING_SLOT_FULL', status: 409 });
    const cells = await t.ctx.db.selectFrom('seat_cell').selectAll().where('environment', '=', 'sandbox').execute();
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(Number(cell.taken)).toBe(10);

    // The 10 winners confirm concurrently (twice each: the duplicate finds its hold already used).
    const holds = answers.filter((a) => a.statusCode === 201).map((a) => a.json().hold_id as string);
    const confirms = await Promise.all([...holds, ...holds].map((hold_id) => post(t, p.sandbox, `${B2}/bookings`, { hold_id })));
    expect(confirms.filter((c) => c.statusCode === 201)).toHaveLength(10);
    expect(confirms.filter((c) => c.statusCode === 409).every((c) => c.json().code === 'BOOKING_HOLD_NOT_ACTIVE')).toBe(true);
    const after = await t.ctx.db.selectFrom('seat_cell').selectAll().where('environment', '=', 'sandbox').execute();
    for (const cell of after) expect(Number(cell.taken)).toBe(10);
    const bookings = await t.ctx.db.selectFrom('booking').select('id').where('account_id', '=', p.accountId).execute();
    expect(bookings).toHaveLength(10);
  }, 120_000);
});
