import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE_MS } from '../../../src/modules/notifications/dispatch/delivery.policy.ts';
import { runResendJobs } from '../../../src/modules/notifications/resend-jobs.ts';
import { ManualClock } from '../../../src/platform/clock.ts';
import { applicationToken } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { WebhookReceiver } from '../../support/webhook-receiver.ts';
import { accountIdOf, attemptsOf, deliveriesOf, recordBookingEvent, testDispatcher } from './dispatch-support.ts';
import { call, type NotificationPartner, notificationPartner, V2 } from './endpoint-support.ts';

/** R3: a receiver that is down for a while, with time moved by a manual clock injected into the dispatcher. */
describe.each(DIALECTS)('Retries, the error queue and resends on %s', (dialect) => {
  let t: TestApp;
  let p: NotificationPartner;
  let accountId: string;
  let receiver: WebhookReceiver;
  let down = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock(new Date()) });
    p = await notificationPartner(t);
    accountId = await accountIdOf(t, p.partner.accountCode);
    receiver = await WebhookReceiver.start();
    receiver.reply = (c) => (down.has(c.url) ? { status: 503, body: 'maintenance' } : { status: 200, body: 'ok' });
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  /** Moving the clock by hours expires access tokens: a fresh one for each API call. */
  async function api(method: 'GET' | 'POST', url: string, body?: unknown) {
    return call(t, method, await applicationToken(t, p.partner.sandbox), url, body);
  }

  async function register(path: string) {
    const created = await api('POST', `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url(path) });
    expect(created.statusCode).toBe(201);
    return created.json().endpoint_id as string;
  }

  it('retries on the schedule (5 s, 5 min, 30 min, …) while the receiver is down, and delivers once it is back', async () => {
    const endpointId = await register('/recovers');
    down = new Set(['/recovers']);
    const eventId = await recordBookingEvent(t, accountId, { code: 'RECOVER001' });
    const dispatcher = testDispatcher(t);
    await dispatcher.drain();
    for (const wait of RETRY_SCHEDULE_MS.slice(0, 3)) {
      t.clock.advance(wait - 1);
      await dispatcher.drain();
      const before = receiver.callsTo('/recovers').length;
      t.clock.advance(1);
      await dispatcher.drain();
      expect(receiver.callsTo('/recovers').length).toBe(before + 1);
    }
    down = new Set();
    t.clock.advance(RETRY_SCHEDULE_MS[3]);
    await dispatcher.drain();
    const [delivery] = (await deliveriesOf(t, eventId)).filter((d) => d.endpoint_id === endpointId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 5 });
    const attempts = await attemptsOf(t, delivery?.id ?? '');
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'retry', 'delivered']);
    expect(attempts.map((a) => a.status_code)).toEqual([503, 503, 503, 503, 200]);
    expect(attempts[0]?.response_excerpt).toBe('maintenance');
    const gaps = attempts.slice(1).map((a, i) => Date.parse(a.started_at) - Date.parse(attempts[i]?.started_at ?? ''));
    expect(gaps).toEqual(RETRY_SCHEDULE_MS.slice(0, 4));
    expect(new Set(receiver.callsTo('/recovers').map((c) => c.headers['webhook-id']))).toEqual(new Set([eventId]));
  });

  it('fills the error queue after the last attempt; resend and bulk resend empty it', async () => {
    const endpointId = await register('/down-long');
    down = new Set(['/down-long']);
    const events = [];
    for (const code of ['DOWN000001', 'DOWN000002', 'DOWN000003']) events.push(await recordBookingEvent(t, accountId, { code }));
    const dispatcher = testDispatcher(t);
    await dispatcher.drain();
    for (const wait of RETRY_SCHEDULE_MS) {
      t.clock.advance(wait);
      await dispatcher.drain();
    }
    const queue = await api('GET', `${V2}/deliveries?status=failed&endpoint_id=${endpointId}`);
    expect(queue.statusCode).toBe(200);
    const failed = queue.json().data as { delivery_id: string; event_id: string; attempts: number; status: string }[];
    expect(failed.map((d) => d.event_id).sort()).toEqual([...events].sort());
    expect(failed.every((d) => d.attempts === 8 && d.status === 'failed')).toBe(true);
    expect(receiver.callsTo('/down-long')).toHaveLength(24);

    down = new Set();
    const [first, ...rest] = failed;
    const resent = await api('POST', `${V2}/deliveries/${first?.delivery_id}/resend`);
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toMatchObject({ status: 'pending', attempts: 8 });
    await dispatcher.drain();
    const one = await api('GET', `${V2}/deliveries/${first?.delivery_id}`);
    expect(one.json()).toMatchObject({ status: 'delivered', attempts: 9 });
    expect(one.json().attempt_log).toHaveLength(9);

    const bulk = await api('POST', `${V2}/deliveries/resend`, { endpoint_id: endpointId });
    expect(bulk.statusCode).toBe(202);
    expect(bulk.json()).toMatchObject({ status: 'queued', total: 2, processed: 0 });
    expect(await runResendJobs(t.ctx)).toBe(2);
    const job = await api('GET', bulk.headers.location as string);
    expect(job.json()).toMatchObject({ job_id: bulk.json().job_id, status: 'completed', total: 2, processed: 2 });
    await dispatcher.drain();
    const after = await api('GET', `${V2}/deliveries?status=failed&endpoint_id=${endpointId}`);
    expect(after.json().data).toEqual([]);
    const delivered = receiver
      .callsTo('/down-long')
      .slice(24)
      .map((c) => c.headers['webhook-id']);
    expect(delivered.sort()).toEqual([...events].sort());
    expect(rest.map((d) => d.event_id).every((id) => delivered.includes(id))).toBe(true);
  });

  it('disables an endpoint that failed continuously for five days, with a visible reason and an audit notice', async () => {
    const endpointId = await register('/dead');
    down = new Set(['/dead']);
    const dispatcher = testDispatcher(t);
    for (let day = 0; day <= 5; day++) {
      await recordBookingEvent(t, accountId, { code: `DEAD00000${day}` });
      await dispatcher.drain();
      const read = await api('GET', `${V2}/endpoints/${endpointId}`);
      expect(read.json().enabled).toBe(day < 5);
      t.clock.advance(86_400_000);
    }
    const read = await api('GET', `${V2}/endpoints/${endpointId}`);
    expect(read.json()).toMatchObject({ enabled: false, disabled_reason: 'failing' });
    const audit = await t.ctx.db.selectFrom('audit_event').select(['action', 'actor', 'details']).where('target_id', '=', endpointId).execute();
    const notice = audit.find((a) => a.action === 'notification_endpoint.disabled');
    expect(notice?.actor).toBe('system');
    expect(JSON.parse(notice?.details ?? '{}')).toMatchObject({ reason: 'failing' });
  });
});
