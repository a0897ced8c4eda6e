import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { B2, type BookingPartner, bookingPartner, get, insertBookingCenter, insertOpenEligibility, post } from '../../factories/booking.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { WebhookReceiver } from '../../support/webhook-receiver.ts';
import { testDispatcher } from './dispatch-support.ts';
import { call, V2 } from './endpoint-support.ts';

/** End to end: the booking module's real changes, through the outbox and the dispatcher, to a real receiver. */
describe.each(DIALECTS)('Booking changes delivered as notifications on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let centre: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
    centre = (await insertBookingCenter(t, { seats: 2 })).location_code;
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  /** standardwebhooks refuses timestamps more than 5 minutes from its `Date.now()`: verify as of the test clock. */
  function verifyAtTestTime(secret: string, body: string, headers: Record<string, string>) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t.clock.now());
    try {
      return new Webhook(secret).verify(body, headers);
    } finally {
      vi.useRealTimers();
    }
  }

  it('confirm, reschedule and cancel a booking: v2 and psi-v1 endpoints receive the three changes in order', async () => {
    const v2 = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url('/v2') })).json();
    const psi = (
      await call(t, 'POST', p.sandbox, `${V2}/endpoints`, {
        service: 'booking-notification',
        url: receiver.url('/psi'),
        format: 'psi-v1',
        auth: { type: 'basic', username: 'partner', password: 'secret-1' },
      })
    ).json();
    const slots = (
      await get(t, p.sandbox, `${B2}/slots?test_code=${p.testCode}&location_code=${centre}&from=2026-01-19T00:00:00Z&to=2026-01-20T00:00:00Z`)
    ).json().data;
    const eligibility = await insertOpenEligibility(t, p);
    const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slots[0].slot_id });
    const confirmed = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: hold.json().hold_id });
    expect(confirmed.statusCode).toBe(201);
    const code = confirmed.json().booking_code as string;
    expect((await post(t, p.sandbox, `${B2}/bookings/${code}/reschedule`, { slot_id: slots[2].slot_id })).statusCode).toBe(200);
    expect((await post(t, p.sandbox, `${B2}/bookings/${code}/cancel`, { reason: 'candidate moved' })).statusCode).toBe(200);

    await testDispatcher(t).drain();

    const v2Calls = receiver.callsTo('/v2');
    const envelopes = v2Calls.map((c) => verifyAtTestTime(v2.signing_secret, c.body, c.headers as Record<string, string>) as Record<string, unknown>);
    expect(envelopes.map((e) => [e.type, e.version, e.previous_state])).toEqual([
      ['booking.created', 1, 'held'],
      ['booking.rescheduled', 2, 'confirmed'],
      ['booking.cancelled', 3, 'confirmed'],
    ]);
    expect(envelopes[2]).toMatchObject({ account_code: p.partner.accountCode, environment: 'sandbox', data: { booking_code: code, status: 'cancelled' } });

    const psiCalls = receiver.callsTo('/psi');
    expect(psiCalls.map((c) => c.method)).toEqual(['PUT', 'PUT', 'PUT']);
    for (const c of psiCalls) {
      expect(c.headers.authorization).toBe(`Basic ${Buffer.from('partner:secret-1').toString('base64')}`);
      verifyAtTestTime(psi.signing_secret, c.body, c.headers as Record<string, string>);
    }
    const bodies = psiCalls.map((c) => JSON.parse(c.body));
    expect(bodies.map((b) => [b.change_reason, b.booking_on])).toEqual([
      ['BOOKING_CREATED', '2026-01-19T13:00:00Z'],
      ['BOOKING_RESCHEDULED', '2026-01-19T14:00:00Z'],
      ['BOOKING_CANCELLED', '2026-01-19T14:00:00Z'],
    ]);
    expect(Object.keys(bodies[0]).sort()).toEqual(
      [
        'booking_code',
        'booking_on',
        'candidate_fname',
        'candidate_id',
        'candidate_lname',
        'candidate_mname',
        'change_reason',
        'client_eligibility_id',
        'delivery_mode',
        'effective_date',
        'exam_code',
        'exam_portions',
        'location_address',
        'location_code',
        'location_name',
        'location_timezone',
      ].sort(),
    );
    expect(bodies[0]).toMatchObject({
      booking_code: code,
      delivery_mode: 'SITE_PROCTORED',
      exam_code: p.testCode,
      location_code: centre,
      location_timezone: 'America/New_York',
      effective_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });
});
