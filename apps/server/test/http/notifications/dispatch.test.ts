import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/platform/clock.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { type ReceiverReply, WebhookReceiver } from '../../support/webhook-receiver.ts';
import { accountIdOf, attemptsOf, deliveriesOf, recordBookingEvent, testDispatcher } from './dispatch-support.ts';
import { call, type NotificationPartner, notificationPartner, V2 } from './endpoint-support.ts';

describe.each(DIALECTS)('Delivering events to a real receiver on %s', (dialect) => {
  let t: TestApp;
  let p: NotificationPartner;
  let accountId: string;
  let receiver: WebhookReceiver;
  let code = 0;
  const nextCode = () => `BK${dialect.slice(0, 2).toUpperCase()}${String(++code).padStart(6, '0')}`;

  beforeAll(async () => {
    // Signatures carry the clock's time and receivers refuse stale ones: this manual clock starts now.
    t = await createTestApp(dialect, { clock: new ManualClock(new Date()) });
    p = await notificationPartner(t);
    accountId = await accountIdOf(t, p.partner.accountCode);
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(() => {
    receiver.reply = () => ({ status: 200, body: 'ok' });
  });

  async function register(path: string, body: Record<string, unknown> = {}) {
    const created = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url(path), ...body });
    expect(created.statusCode).toBe(201);
    return created.json() as { endpoint_id: string; signing_secret: string };
  }

  it('sends a v2 event signed per Standard Webhooks, verifiable with the public library, and logs the attempt', async () => {
    const endpoint = await register('/v2-signed');
    const bookingCode = nextCode();
    const eventId = await recordBookingEvent(t, accountId, { code: bookingCode });
    await testDispatcher(t).drain();
    const [received] = receiver.callsTo('/v2-signed');
    expect(received?.method).toBe('POST');
    expect(received?.headers['webhook-id']).toBe(eventId);
    const verified = new Webhook(endpoint.signing_secret).verify(received?.body ?? '', received?.headers as Record<string, string>);
    expect(verified).toMatchObject({
      id: eventId,
      type: 'booking.created',
      occurred_at: '2026-01-05T09:00:00.123Z',
      environment: 'sandbox',
      account_code: p.partner.accountCode,
      version: 1,
      previous_state: 'held',
      data: { booking_code: bookingCode, change_reason: 'BOOKING_CREATED' },
    });
    const delivery = (await deliveriesOf(t, eventId)).find((d) => d.endpoint_id === endpoint.endpoint_id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200, lease_owner: null });
    const attempts = await attemptsOf(t, delivery?.id ?? '');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, outcome: 'delivered', status_code: 200, response_excerpt: 'ok', error: null });
    expect(attempts[0]?.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('signs with both secrets during a rotation overlap, each verifying on its own', async () => {
    const endpoint = await register('/rotated');
    const rotated = await call(t, 'POST', p.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}/rotate-secret`, { overlap_seconds: 3600 });
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().signing_secret as string;
    await recordBookingEvent(t, accountId, { code: nextCode() });
    await testDispatcher(t).drain();
    const [received] = receiver.callsTo('/rotated');
    const headers = received?.headers as Record<string, string>;
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() => new Webhook(endpoint.signing_secret).verify(received?.body ?? '', headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(received?.body ?? '', headers)).not.toThrow();
  });

  it('sends psi-v1 as a PUT with Basic credentials and exactly the PSI NotificationRequest fields', async () => {
    const endpoint = await register('/psi', { format: 'psi-v1', auth: { type: 'basic', username: 'psi-user', password: 'psi-pass' } });
    const site = nextCode();
    const remote = nextCode();
    await recordBookingEvent(t, accountId, { code: site });
    await recordBookingEvent(t, accountId, { code: remote, payload: { delivery_mode: 'ATLAS_REMOTE_PROCTORED', location: null } });
    await testDispatcher(t).drain();
    const calls = receiver.callsTo('/psi');
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c.method).toBe('PUT');
      expect(c.headers.authorization).toBe(`Basic ${Buffer.from('psi-user:psi-pass').toString('base64')}`);
      expect(() => new Webhook(endpoint.signing_secret).verify(c.body, c.headers as Record<string, string>)).not.toThrow();
    }
    const bodies = calls.map((c) => JSON.parse(c.body));
    expect(bodies.find((b) => b.booking_code === site)).toEqual({
      booking_code: site,
      booking_on: '2026-02-10T14:30:00Z',
      candidate_fname: 'Ada',
      candidate_id: 'C-1001',
      candidate_lname: 'Lovelace',
      candidate_mname: null,
      change_reason: 'BOOKING_CREATED',
      client_eligibility_id: 'CLIENT-77',
      delivery_mode: 'SITE_PROCTORED',
      effective_date: '2026-01-05T09:00:00Z',
      exam_code: 'CPA-AUD',
      exam_portions: [{ portion_code: 'P1', portion_name: 'Part one' }],
      location_address: '1 Main St, New York, NY 10001, US',
      location_code: 'NYC01',
      location_name: 'New York Midtown',
      location_timezone: 'America/New_York',
    });
    const remoteBody = bodies.find((b) => b.booking_code === remote);
    expect(remoteBody.delivery_mode).toBe('ATLAS_REMOTE_PROCTORED');
    expect(Object.keys(remoteBody).filter((k) => k.startsWith('location_'))).toEqual([]);
  });

  it('does not send events without a PSI change reason (a check-in) to psi-v1 endpoints, but does to v2 ones', async () => {
    await register('/psi-checkin', { format: 'psi-v1' });
    await register('/v2-checkin');
    const bookingCode = nextCode();
    const eventId = await recordBookingEvent(t, accountId, {
      code: bookingCode,
      type: 'booking.checked_in',
      payload: { change_reason: null, status: 'checked_in', previous_status: 'confirmed' },
    });
    await testDispatcher(t).drain();
    expect(receiver.callsTo('/psi-checkin')).toEqual([]);
    expect(receiver.callsTo('/v2-checkin').map((c) => c.headers['webhook-id'])).toEqual([eventId]);
  });

  it('sends an event only to endpoints of its account, environment and event filter', async () => {
    await register('/filtered', { events: ['booking.cancelled'] });
    await register('/all-sandbox');
    const other = await notificationPartner(t);
    const otherCreated = await call(t, 'POST', other.sandbox, `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url('/other-account') });
    expect(otherCreated.statusCode).toBe(201);
    const production = await call(t, 'POST', p.production, `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url('/production') });
    expect(production.statusCode).toBe(201);
    const created = await recordBookingEvent(t, accountId, { code: nextCode() });
    const cancelled = await recordBookingEvent(t, accountId, {
      code: nextCode(),
      payload: { change_reason: 'BOOKING_CANCELLED', status: 'cancelled', previous_status: 'confirmed' },
    });
    await testDispatcher(t).drain();
    expect(receiver.callsTo('/filtered').map((c) => c.headers['webhook-id'])).toEqual([cancelled]);
    expect(receiver.callsTo('/all-sandbox').map((c) => c.headers['webhook-id'])).toEqual(expect.arrayContaining([created, cancelled]));
    expect(receiver.callsTo('/other-account')).toEqual([]);
    expect(receiver.callsTo('/production')).toEqual([]);
  });

  it('delivers the versions of one booking in order: a later version waits while an earlier one is being retried', async () => {
    const endpoint = await register('/ordered');
    const bookingCode = nextCode();
    let failFirst = true;
    receiver.reply = (c) => {
      if (c.url === '/ordered' && failFirst) {
        failFirst = false;
        return { status: 500, body: 'busy' };
      }
      return { status: 200 };
    };
    const v1 = await recordBookingEvent(t, accountId, { code: bookingCode, version: 1 });
    const v2 = await recordBookingEvent(t, accountId, {
      code: bookingCode,
      version: 2,
      payload: { change_reason: 'BOOKING_RESCHEDULED', status: 'confirmed', previous_status: 'confirmed' },
    });
    await testDispatcher(t).drain();
    expect(receiver.callsTo('/ordered').map((c) => c.headers['webhook-id'])).toEqual([v1]);
    expect((await deliveriesOf(t, v2)).find((d) => d.endpoint_id === endpoint.endpoint_id)).toMatchObject({ status: 'pending', attempts: 0 });
    t.clock.advance(6_000);
    await testDispatcher(t).drain();
    expect(receiver.callsTo('/ordered').map((c) => c.headers['webhook-id'])).toEqual([v1, v1, v2]);
  });

  it('disables the endpoint on 410 Gone, with the reason visible and an audit notice', async () => {
    const endpoint = await register('/gone');
    receiver.reply = (c) => (c.url === '/gone' ? { status: 410 } : { status: 200 });
    const eventId = await recordBookingEvent(t, accountId, { code: nextCode() });
    await testDispatcher(t).drain();
    expect((await deliveriesOf(t, eventId)).find((d) => d.endpoint_id === endpoint.endpoint_id)).toMatchObject({ status: 'failed' });
    const read = await call(t, 'GET', p.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}`);
    expect(read.json()).toMatchObject({ enabled: false, disabled_reason: 'gone' });
    const audit = await t.ctx.db.selectFrom('audit_event').select(['action', 'actor']).where('target_id', '=', endpoint.endpoint_id).execute();
    expect(audit).toContainEqual({ action: 'notification_endpoint.disabled', actor: 'system' });
    await recordBookingEvent(t, accountId, { code: nextCode() });
    await testDispatcher(t).drain();
    expect(receiver.callsTo('/gone')).toHaveLength(1);
  });

  it('honours Retry-After on 429, and follows no redirect', async () => {
    const limited = await register('/limited');
    const redirected = await register('/redirected');
    receiver.reply = (c): ReceiverReply => {
      if (c.url === '/limited') return { status: 429, headers: { 'retry-after': '120' } };
      if (c.url === '/redirected') return { status: 302, headers: { location: receiver.url('/elsewhere') } };
      return { status: 200 };
    };
    const eventId = await recordBookingEvent(t, accountId, { code: nextCode() });
    await testDispatcher(t).drain();
    const deliveries = await deliveriesOf(t, eventId);
    const now = t.clock.now().getTime();
    const toLimited = deliveries.find((d) => d.endpoint_id === limited.endpoint_id);
    expect(toLimited).toMatchObject({ status: 'pending', last_status_code: 429 });
    expect(Date.parse(toLimited?.next_attempt_at ?? '') - now).toBe(120_000);
    const toRedirected = deliveries.find((d) => d.endpoint_id === redirected.endpoint_id);
    expect(toRedirected).toMatchObject({ status: 'pending', last_status_code: 302 });
    expect(receiver.callsTo('/elsewhere')).toEqual([]);
  });

  it('gives up on a receiver that does not answer within the time limit and tries again later', async () => {
    await register('/slow-timeout');
    receiver.reply = (c) => (c.url === '/slow-timeout' ? { status: 200, delayMs: 1_500 } : { status: 200 });
    const eventId = await recordBookingEvent(t, accountId, { code: nextCode() });
    await testDispatcher(t, { timeoutMs: 300 }).drain();
    const [delivery] = (await deliveriesOf(t, eventId)).filter((d) => d.last_error !== null);
    expect(delivery).toMatchObject({ status: 'pending', last_status_code: null });
    expect(delivery?.last_error).toMatch(/timeout/);
  });
});
