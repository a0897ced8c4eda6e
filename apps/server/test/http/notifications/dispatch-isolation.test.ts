import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEndpoint } from '../../../src/modules/notifications/endpoints.service.ts';
import { createSecretBox } from '../../../src/modules/notifications/secret-box.ts';
import type { Resolver } from '../../../src/modules/notifications/ssrf.policy.ts';
import { ManualClock } from '../../../src/platform/clock.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { WebhookReceiver } from '../../support/webhook-receiver.ts';
import { accountIdOf, attemptsOf, deliveriesOf, recordBookingEvent, testDispatcher } from './dispatch-support.ts';
import { call, type NotificationPartner, notificationPartner, V2 } from './endpoint-support.ts';

const resolvesTo =
  (address: string): Resolver =>
  async () => [address];

describe.each(DIALECTS)('Dispatcher isolation and connection-time checks on %s', (dialect) => {
  let t: TestApp;
  let p: NotificationPartner;
  let accountId: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock(new Date()) });
    p = await notificationPartner(t);
    accountId = await accountIdOf(t, p.partner.accountCode);
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('a receiver that answers after 5 s does not hold back deliveries to another endpoint', { timeout: 60_000 }, async () => {
    let slowAnswersAfter = 5_000;
    receiver.reply = (c) => (c.url === '/slow' ? { status: 200, delayMs: slowAnswersAfter } : { status: 200 });
    const slow = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url('/slow') })).json();
    const fast = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, { service: 'booking-notification', url: receiver.url('/fast') })).json();
    const events: string[] = [];
    for (let i = 0; i < 40; i++) events.push(await recordBookingEvent(t, accountId, { code: `ISO${String(i).padStart(7, '0')}` }));
    const dispatcher = testDispatcher(t, { perEndpoint: 4, concurrency: 64, pollMs: 20 });
    const started = performance.now();
    dispatcher.start();
    const deliveredTo = async (endpointId: string) =>
      (await t.ctx.db.selectFrom('delivery').select('id').where('endpoint_id', '=', endpointId).where('status', '=', 'delivered').execute()).length;
    while ((await deliveredTo(fast.endpoint_id)) < events.length) {
      expect(performance.now() - started, 'the fast endpoint should not wait for the slow one').toBeLessThan(30_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const fastDoneAt = performance.now() - started;
    const slowDeliveredThen = await deliveredTo(slow.endpoint_id);
    // Every fast delivery was recorded before the slow receiver had answered even its first call.
    expect(slowDeliveredThen).toBe(0);
    expect(receiver.callsTo('/slow').length).toBeLessThanOrEqual(4);
    expect(fastDoneAt).toBeLessThan(slowAnswersAfter);
    slowAnswersAfter = 0;
    await dispatcher.stop();
  });

  it('refuses at connection time a name that resolves to an internal address in production (DNS changed after registration)', async () => {
    const box = createSecretBox(t.config.encryptionKey);
    const caller = { accountId, environment: 'sandbox' as const, actor: 'test', roles: new Set(['psiBooking']) };
    // At registration the name was public …
    const registered = await createEndpoint(
      t.ctx,
      { mode: 'production', box, resolve: resolvesTo('203.0.113.10') },
      caller,
      { service: 'booking-notification', url: `https://hooks.partner.test:${new URL(receiver.url()).port}/rebound`, events: ['booking.completed'] },
      undefined,
    );
    const eventId = await recordBookingEvent(t, accountId, {
      code: 'REBIND0001',
      payload: { change_reason: 'EXAM_COMPLETED', status: 'completed', previous_status: 'confirmed' },
    });
    // … and now points at loopback.
    await testDispatcher(t, {}, resolvesTo('127.0.0.1'), 'production').drain();
    const delivery = (await deliveriesOf(t, eventId)).find((d) => d.endpoint_id === registered.body.endpoint_id);
    expect(delivery).toMatchObject({ status: 'pending', last_status_code: null });
    expect(delivery?.last_error).toMatch(/refused at connection: hooks\.partner\.test resolves to .*loopback/);
    expect(receiver.callsTo('/rebound')).toEqual([]);
    const [attempt] = await attemptsOf(t, delivery?.id ?? '');
    expect(attempt).toMatchObject({ outcome: 'retry', status_code: null });
  });

  it('connects through the same lookup when it allows the address (development: loopback)', async () => {
    receiver.reply = () => ({ status: 200 });
    const registered = await createEndpoint(
      t.ctx,
      { mode: 'development', box: createSecretBox(t.config.encryptionKey), resolve: resolvesTo('127.0.0.1') },
      { accountId, environment: 'sandbox', actor: 'test', roles: new Set(['psiBooking']) },
      { service: 'booking-notification', url: `http://receiver.partner.test:${new URL(receiver.url()).port}/by-name`, events: ['booking.no_show'] },
      undefined,
    );
    const eventId = await recordBookingEvent(t, accountId, { code: 'BYNAME0001', payload: { change_reason: 'ABSENT', status: 'no_show' } });
    await testDispatcher(t, {}, resolvesTo('127.0.0.1'), 'development').drain();
    expect((await deliveriesOf(t, eventId)).find((d) => d.endpoint_id === registered.body.endpoint_id)).toMatchObject({ status: 'delivered' });
    expect(receiver.callsTo('/by-name').map((c) => c.headers['webhook-id'])).toEqual([eventId]);
  });
});
