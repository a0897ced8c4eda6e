import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B2, type BookingPartner, bookingPartner, get, insertBookingCenter, insertOpenEligibility, post, slotAt } from '../../factories/booking.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

const STARTS = ['2026-01-23T13:00:00.000Z', '2026-01-20T13:00:00.000Z', '2026-01-21T13:00:00.000Z', '2026-01-20T15:00:00.000Z', '2026-01-22T13:00:00.000Z'];

describe.each(DIALECTS)('Booking list paging and filters on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let other: BookingPartner;
  const made: { code: string; startsAt: string; candidateId: string; eligibilityCode: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
    other = await bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
    const centre = (await insertBookingCenter(t, { seats: 2 })).location_code;
    // Made out of start order, so the list's order comes from starts_at, not insertion.
    for (const startsAt of STARTS) {
      const eligibility = await insertOpenEligibility(t, p);
      const slot = await slotAt(t, p, centre, startsAt);
      const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slot?.slot_id });
      const booking = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: hold.json().hold_id });
      made.push({ code: booking.json().booking_code, startsAt, candidateId: eligibility.candidateId, eligibilityCode: eligibility.code });
    }
    // The one on the 21st is cancelled.
    await post(t, p.sandbox, `${B2}/bookings/${made[2]?.code}/cancel`, {});
  });
  afterAll(() => t.close());

  const codes = (response: { json(): { data: { booking_code: string }[] } }) => response.json().data.map((b) => b.booking_code);
  const byStart = () => [...made].sort((a, b) => a.startsAt.localeCompare(b.startsAt)).map((m) => m.code);

  it('pages by start time with page_size and cursor until next_cursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(t, p.sandbox, `${B2}/bookings?page_size=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...codes(response));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(byStart());
    // The v1 mirror pages the same way.
    const v1 = await get(t, p.sandbox, `/booking/v1/accounts/${p.partner.accountCode}/bookings?page_size=2`);
    expect(v1.statusCode).toBe(200);
    expect(codes(v1)).toEqual(byStart().slice(0, 2));
  });

  it('filters by status, candidate, eligibility and start range', async () => {
    expect(codes(await get(t, p.sandbox, `${B2}/bookings?status=cancelled`))).toEqual([made[2]?.code]);
    expect(codes(await get(t, p.sandbox, `${B2}/bookings?status=confirmed`))).toEqual(byStart().filter((c) => c !== made[2]?.code));
    expect(codes(await get(t, p.sandbox, `${B2}/bookings?candidate_id=${made[3]?.candidateId}`))).toEqual([made[3]?.code]);
    expect(codes(await get(t, p.sandbox, `${B2}/bookings?eligibility_code=${made[4]?.eligibilityCode}`))).toEqual([made[4]?.code]);
    expect(codes(await get(t, p.sandbox, `${B2}/bookings?eligibility_code=NOSUCHCODE`))).toEqual([]);
    // from inclusive, to exclusive.
    const range = await get(t, p.sandbox, `${B2}/bookings?from=2026-01-20T15:00:00Z&to=2026-01-22T13:00:00Z`);
    expect(codes(range)).toEqual([made[3]?.code, made[2]?.code]);
    const combined = await get(t, p.sandbox, `${B2}/bookings?from=2026-01-20T00:00:00Z&to=2026-01-21T00:00:00Z&status=confirmed&page_size=1`);
    expect(codes(combined)).toEqual([made[1]?.code]);
    expect(
      codes(
        await get(
          t,
          p.sandbox,
          `${B2}/bookings?cursor=${combined.json().next_cursor}&from=2026-01-20T00:00:00Z&to=2026-01-21T00:00:00Z&status=confirmed&page_size=1`,
        ),
      ),
    ).toEqual([made[3]?.code]);
  });

  it('shows nothing of another account or environment, and refuses a bad cursor or date with 400', async () => {
    expect(codes(await get(t, other.sandbox, `${B2}/bookings`))).toEqual([]);
    expect(codes(await get(t, p.production, `${B2}/bookings`))).toEqual([]);
    const badCursor = await get(t, p.sandbox, `${B2}/bookings?cursor=not-a-cursor`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0].pointer).toBe('/query/cursor');
    const badDate = await get(t, p.sandbox, `${B2}/bookings?from=yesterday&status=lost`);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/query/from', '/query/status']));
  });
});
