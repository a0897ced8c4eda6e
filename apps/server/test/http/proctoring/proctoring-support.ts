import type { LightMyRequestResponse } from 'fastify';
import { B2, type BookingPartner, bookingPartner, get, insertBookingCenter, insertOpenEligibility, post } from '../../factories/booking.ts';
import { bearer, type TestApp } from '../../harness.ts';

export const P2 = '/proctoring/v2';
export const R1 = (code: string) => `/results/v1/bookings/${code}/results`;
export const RES2 = '/results/v2';

export { type BookingPartner, bookingPartner, get, post };

export function put(t: TestApp, token: string, url: string, payload: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'PUT', url, headers: bearer(token), payload: payload as object });
}

/** A free test (no payment needed), so bookings are confirmed with the hold alone. */
export function freePartner(t: TestApp): Promise<BookingPartner> {
  return bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
}

let day = 0;

/** Books an online (ATLAS_REMOTE_PROCTORED) appointment through the booking API; answers its code and the eligibility. */
export async function bookOnline(t: TestApp, p: BookingPartner, token = p.sandbox, environment: 'sandbox' | 'production' = 'sandbox') {
  day += 1;
  // Two to three weeks after the test clock's today (the booking factory's eligibilities are open through 2026).
  const today = t.clock.now();
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 8 + (day % 10)));
  const from = date.toISOString();
  const to = new Date(date.getTime() + 86_400_000).toISOString();
  const slots = await get(t, token, `${B2}/slots?test_code=${p.testCode}&delivery_mode=ATLAS_REMOTE_PROCTORED&from=${from}&to=${to}`);
  if (slots.statusCode !== 200) throw new Error(`slots: ${slots.statusCode} ${slots.body}`);
  const slot = slots.json().data[0];
  const eligibility = await insertOpenEligibility(t, p, { environment });
  const hold = await post(t, token, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slot.slot_id });
  if (hold.statusCode !== 201) throw new Error(`hold: ${hold.statusCode} ${hold.body}`);
  const booking = await post(t, token, `${B2}/bookings`, { hold_id: hold.json().hold_id });
  if (booking.statusCode !== 201) throw new Error(`booking: ${booking.statusCode} ${booking.body}`);
  return { bookingCode: booking.json().booking_code as string, eligibility };
}

/** Books a test-centre appointment (no proctoring session). */
export async function bookAtCentre(t: TestApp, p: BookingPartner) {
  const centre = await insertBookingCenter(t);
  const slots = await get(
    t,
    p.sandbox,
    `${B2}/slots?test_code=${p.testCode}&location_code=${centre.location_code}&from=2026-01-19T00:00:00Z&to=2026-01-20T00:00:00Z`,
  );
  const eligibility = await insertOpenEligibility(t, p);
  const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slots.json().data[0].slot_id });
  const booking = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: hold.json().hold_id });
  if (booking.statusCode !== 201) throw new Error(`booking: ${booking.statusCode} ${booking.body}`);
  return { bookingCode: booking.json().booking_code as string, eligibility };
}

/** The session of an online booking. */
export async function sessionOf(t: TestApp, token: string, bookingCode: string) {
  const response = await get(t, token, `${P2}/bookings/${bookingCode}/session`);
  if (response.statusCode !== 200) throw new Error(`session: ${response.statusCode} ${response.body}`);
  return response.json() as { session_id: string; state: string; version: number };
}

/** Posts events in order; fails loudly on the first refusal. */
export async function postEvents(t: TestApp, token: string, sessionId: string, events: Record<string, unknown>[]) {
  let last: LightMyRequestResponse | undefined;
  for (const event of events) {
    last = await post(t, token, `${P2}/sessions/${sessionId}/events`, event);
    if (last.statusCode !== 200) throw new Error(`${event.type}: ${last.statusCode} ${last.body}`);
  }
  return last?.json();
}

export const CHECK_IN_AND_START = [{ type: 'SYSTEM_CHECK_PASSED' }, { type: 'ID_VERIFIED' }, { type: 'STARTED' }];

/** Outbox rows of the four results services, oldest first. */
export async function resultsOutbox(t: TestApp, accountId: string) {
  const rows = await t.ctx.db
    .selectFrom('outbox_event')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('service', 'in', ['proctoring-results', 'proctoring-results-notification', 'assessment-results', 'assessment-results-notification'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
}
