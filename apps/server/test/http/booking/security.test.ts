import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B2, type BookingPartner, bookingPartner, get, insertBookingCenter, insertOpenEligibility, post } from '../../factories/booking.ts';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('Booking security and errors on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let other: BookingPartner;
  let code: string;
  let slotId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
    other = await bookingPartner(t);
    const centre = (await insertBookingCenter(t)).location_code;
    slotId = (await get(t, p.sandbox, `${B2}/slots?test_code=${p.testCode}&location_code=${centre}&from=2026-01-22T13:00:00Z`)).json().data[0].slot_id;
    const eligibility = await insertOpenEligibility(t, p);
    const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slotId });
    code = (await post(t, p.sandbox, `${B2}/bookings`, { hold_id: hold.json().hold_id })).json().booking_code;
  });
  afterAll(() => t.close());

  it('answers 401 without a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${B2}/bookings/${code}` });
    expect(response.statusCode).toBe(401);
  });

  it('answers 403 when the account lacks psiBooking', async () => {
    const partner = await insertPartner(t, { roles: 'psiEligibility', subscribe: 'all' });
    const token = await applicationToken(t, partner.sandbox);
    expect((await get(t, token, `${B2}/bookings/${code}`)).statusCode).toBe(403);
  });

  it('hides another account’s booking exactly like an unknown one, on v2 and on a v1 path swap', async () => {
    const foreign = await get(t, other.sandbox, `${B2}/bookings/${code}`);
    const unknown = await get(t, other.sandbox, `${B2}/bookings/ZZZZZZZZZZ`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe(unknown.json().code);
    const swapped = await get(t, other.sandbox, `/booking/v1/accounts/${p.partner.accountCode}/bookings/${code}`);
    const nowhere = await get(t, other.sandbox, '/booking/v1/accounts/NOSUCHACC/bookings/ZZZZZZZZZZ');
    expect(swapped.statusCode).toBe(nowhere.statusCode);
    // The same answer as an unknown account code (only the echoed code differs).
    expect(swapped.json().error).toBe(nowhere.json().error);
    expect(swapped.json().error_description.replace(p.partner.accountCode, 'X')).toBe(nowhere.json().error_description.replace('NOSUCHACC', 'X'));
  });

  it('keeps sandbox and production apart, and simulate is sandbox-only', async () => {
    expect((await get(t, p.production, `${B2}/bookings/${code}`)).statusCode).toBe(404);
    expect((await post(t, p.production, `${B2}/bookings/${code}/simulate`, { event: 'CHECKED_IN' })).statusCode).toBe(401);
    const checked = await post(t, p.sandbox, `${B2}/bookings/${code}/simulate`, { event: 'CHECKED_IN' });
    expect(checked.statusCode).toBe(200);
    expect(checked.json().status).toBe('checked_in');
    const completed = await post(t, p.sandbox, `${B2}/bookings/${code}/simulate`, { event: 'EXAM_COMPLETED' });
    expect(completed.json().status).toBe('completed');
    expect((await post(t, p.sandbox, `${B2}/bookings/${code}/cancel`, {})).json().code).toBe('BOOKING_NOT_CHANGEABLE');
  });

  it('answers 400 naming each bad field', async () => {
    const response = await post(t, p.sandbox, `${B2}/holds`, { slot_id: 7, extra: true });
    expect(response.statusCode).toBe(400);
    const pointers = response.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/eligibility_code']));
    const badSlot = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: 'X', slot_id: 'bm90LWEtc2xvdA' });
    expect(badSlot.statusCode).toBe(404);
    const badQuery = await get(t, p.sandbox, `${B2}/slots?test_code=${p.testCode}&from=yesterday`);
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors[0].pointer).toBe('/query/from');
  });
});
