import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { type Browser, call, newCoordinator, newPartner } from './portal-support.ts';

describe.each(DIALECTS)('Deliveries in the API Store and the admin console on %s', (dialect) => {
  let t: TestApp;
  let alice: Browser;
  let aliceCode: string;
  let bob: Browser;
  let coordinator: Browser;
  let deliveryId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const a = await newPartner(t);
    alice = a.browser;
    aliceCode = a.account.account_code;
    bob = (await newPartner(t)).browser;
    coordinator = (await newCoordinator(t)).browser;
    const endpoint = (
      await call(t, alice, 'POST', '/endpoints?environment=sandbox', { service: 'booking-notification', url: 'http://127.0.0.1:9/hook' })
    ).json();
    const queued = await call(t, alice, 'POST', `/endpoints/${endpoint.endpoint_id}/test?environment=sandbox`, {});
    expect(queued.statusCode).toBe(202);
    deliveryId = queued.json().delivery_id;
  });
  afterAll(() => t.close());

  it('queues a test event for the endpoint and lists it with its attempt log', async () => {
    const list = (await call(t, alice, 'GET', '/deliveries?environment=sandbox')).json().data;
    expect(list).toEqual([expect.objectContaining({ delivery_id: deliveryId, event_type: 'booking.test', status: 'pending' })]);
    expect((await call(t, alice, 'GET', `/deliveries/${deliveryId}?environment=sandbox`)).json()).toMatchObject({ delivery_id: deliveryId, attempt_log: [] });
    expect((await call(t, alice, 'GET', '/deliveries?environment=production')).json().data).toEqual([]);
  });

  it('resends a failed delivery, and refuses to resend one already queued', async () => {
    expect((await call(t, alice, 'POST', `/deliveries/${deliveryId}/resend?environment=sandbox`, {})).json().code).toBe('NOTIFICATIONS_DELIVERY_IN_PROGRESS');
    // As the dispatcher leaves it after the last retry.
    await t.ctx.db.updateTable('delivery').set({ status: 'failed', failed_at: t.clock.now().toISOString() }).where('id', '=', deliveryId).execute();
    expect((await call(t, alice, 'GET', '/deliveries?environment=sandbox&status=failed')).json().data).toHaveLength(1);
    const resent = await call(t, alice, 'POST', `/deliveries/${deliveryId}/resend?environment=sandbox`, {});
    expect(resent.json()).toMatchObject({ delivery_id: deliveryId, status: 'pending' });
  });

  it("hides another account's deliveries and endpoints exactly like unknown ones", async () => {
    expect((await call(t, bob, 'GET', '/deliveries?environment=sandbox')).json().data).toEqual([]);
    const foreign = await call(t, bob, 'GET', `/deliveries/${deliveryId}?environment=sandbox`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOTIFICATIONS_DELIVERY_NOT_FOUND');
    expect((await call(t, bob, 'POST', `/deliveries/${deliveryId}/resend?environment=sandbox`, {})).statusCode).toBe(404);
    const endpoints = (await call(t, alice, 'GET', '/endpoints?environment=sandbox')).json().data;
    expect((await call(t, bob, 'POST', `/endpoints/${endpoints[0].endpoint_id}/test?environment=sandbox`, {})).statusCode).toBe(404);
  });

  it("lets a coordinator read any partner's queue, resend one and queue a bulk resend", async () => {
    await t.ctx.db.updateTable('delivery').set({ status: 'failed', failed_at: t.clock.now().toISOString() }).where('id', '=', deliveryId).execute();
    const queue = (await call(t, coordinator, 'GET', `/deliveries?account=${aliceCode}&environment=sandbox&status=failed`)).json().data;
    expect(queue.map((d: { delivery_id: string }) => d.delivery_id)).toEqual([deliveryId]);
    expect((await call(t, coordinator, 'GET', `/deliveries/${deliveryId}`)).json().delivery_id).toBe(deliveryId);
    const job = await call(t, coordinator, 'POST', `/accounts/${aliceCode}/deliveries/resend-failed?environment=sandbox`, {});
    expect(job.statusCode).toBe(202);
    expect(job.json()).toMatchObject({ status: 'queued', total: 1 });
    expect((await call(t, coordinator, 'POST', `/deliveries/${deliveryId}/resend`, {})).json().status).toBe('pending');
    const audit = (await call(t, coordinator, 'GET', `/audit?account=${aliceCode}`)).json().data.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['notification_delivery.resent', 'notification_delivery.bulk_resend_requested']));
  });
});
