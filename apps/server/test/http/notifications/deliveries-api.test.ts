import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/platform/clock.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { WebhookReceiver } from '../../support/webhook-receiver.ts';
import { accountIdOf, recordBookingEvent, testDispatcher } from './dispatch-support.ts';
import { call, type NotificationPartner, notificationPartner, V2 } from './endpoint-support.ts';

describe.each(DIALECTS)('Deliveries API and the endpoint test event on %s', (dialect) => {
  let t: TestApp;
  let p: NotificationPartner;
  let accountId: string;
  let receiver: WebhookReceiver;
  let endpoint: { endpoint_id: string; signing_secret: string };

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock(new Date()) });
    p = await notificationPartner(t);
    accountId = await accountIdOf(t, p.partner.accountCode);
    receiver = await WebhookReceiver.start();
    const created = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, {
      service: 'booking-notification',
      url: receiver.url('/psi'),
      format: 'psi-v1',
      auth: { type: 'basic', username: 'u', password: 'p' },
    });
    endpoint = created.json();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('sends a booking.test event to that endpoint only, through the dispatcher, as a well-formed signed PSI body', async () => {
    const other = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url('/other') });
    const queued = await call(t, 'POST', p.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}/test`);
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ event_type: 'booking.test', status: 'pending', endpoint_id: endpoint.endpoint_id });
    await testDispatcher(t).drain();
    const [received] = receiver.callsTo('/psi');
    expect(received?.method).toBe('PUT');
    expect(received?.headers['webhook-id']).toBe(queued.json().event_id);
    expect(() => new Webhook(endpoint.signing_secret).verify(received?.body ?? '', received?.headers as Record<string, string>)).not.toThrow();
    expect(JSON.parse(received?.body ?? '{}')).toMatchObject({
      change_reason: 'BOOKING_CREATED',
      candidate_fname: 'Test',
      booking_code: expect.stringMatching(/^TEST/),
    });
    expect(receiver.callsTo('/other')).toEqual([]);
    const read = await call(t, 'GET', p.sandbox, `${V2}/deliveries/${queued.json().delivery_id}`);
    expect(read.json()).toMatchObject({ status: 'delivered', attempt_log: [{ attempt: 1, outcome: 'delivered', status_code: 200 }] });
    expect(other.statusCode).toBe(201);
  });

  it('lists deliveries by status, service and range, newest first, with cursor paging', async () => {
    for (const code of ['LIST000001', 'LIST000002', 'LIST000003']) await recordBookingEvent(t, accountId, { code });
    await testDispatcher(t).drain();
    const from = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const page1 = await call(t, 'GET', p.sandbox, `${V2}/deliveries?status=delivered&service=booking-notification&page_size=2&from=${from}`);
    expect(page1.statusCode).toBe(200);
    expect(page1.json().data).toHaveLength(2);
    const page2 = await call(
      t,
      'GET',
      p.sandbox,
      `${V2}/deliveries?status=delivered&service=booking-notification&page_size=2&from=${from}&cursor=${page1.json().next_cursor}`,
    );
    const all = [...page1.json().data, ...page2.json().data] as { delivery_id: string }[];
    expect(all.map((d) => d.delivery_id)).toEqual([...all.map((d) => d.delivery_id)].sort().reverse());
    const none = await call(t, 'GET', p.sandbox, `${V2}/deliveries?status=failed`);
    expect(none.json().data).toEqual([]);
    const future = await call(t, 'GET', p.sandbox, `${V2}/deliveries?from=2099-01-01T00:00:00Z`);
    expect(future.json().data).toEqual([]);
  });

  it('refuses to resend a pending delivery, and to test or resend to a disabled endpoint', async () => {
    await recordBookingEvent(t, accountId, { code: 'PEND000001' });
    const disable = await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}`, { enabled: false });
    expect(disable.statusCode).toBe(200);
    const test = await call(t, 'POST', p.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}/test`);
    expect(test.statusCode).toBe(409);
    expect(test.json().code).toBe('NOTIFICATIONS_ENDPOINT_DISABLED');
    await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}`, { enabled: true });
    const queued = await call(t, 'POST', p.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}/test`);
    const again = await call(t, 'POST', p.sandbox, `${V2}/deliveries/${queued.json().delivery_id}/resend`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('NOTIFICATIONS_DELIVERY_IN_PROGRESS');
  });

  it('answers a bad filter with every failing field', async () => {
    const bad = await call(t, 'GET', p.sandbox, `${V2}/deliveries?status=lost&from=yesterday`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const pointers = (bad.json().errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/query/status', '/query/from']));
    const body = await call(t, 'POST', p.sandbox, `${V2}/deliveries/resend`, { service: 'nope', extra: 1 });
    expect(body.statusCode).toBe(400);
  });

  it("hides another account's and another environment's deliveries, jobs and endpoints", async () => {
    const [mine] = (await call(t, 'GET', p.sandbox, `${V2}/deliveries`)).json().data as { delivery_id: string }[];
    const stranger = await notificationPartner(t);
    for (const url of [`${V2}/deliveries/${mine?.delivery_id}`, `${V2}/resend-jobs/rsj_unknown`]) {
      const answer = await call(t, 'GET', stranger.sandbox, url);
      expect(answer.statusCode).toBe(404);
    }
    expect((await call(t, 'POST', stranger.sandbox, `${V2}/deliveries/${mine?.delivery_id}/resend`)).statusCode).toBe(404);
    expect((await call(t, 'POST', stranger.sandbox, `${V2}/endpoints/${endpoint.endpoint_id}/test`)).statusCode).toBe(404);
    expect((await call(t, 'GET', stranger.sandbox, `${V2}/deliveries`)).json().data).toEqual([]);
    expect((await call(t, 'GET', p.production, `${V2}/deliveries/${mine?.delivery_id}`)).statusCode).toBe(404);
  });
});
