import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingSecretsOf } from '../../../src/modules/notifications/endpoints.service.ts';
import { createSecretBox } from '../../../src/modules/notifications/secret-box.ts';
import { signWebhook } from '../../../src/modules/notifications/signature.ts';
import { applicationToken } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { bookingEndpoint, call, type NotificationPartner, notificationPartner, V2 } from './endpoint-support.ts';

describe.each(DIALECTS)('Notification endpoints on %s', (dialect) => {
  let t: TestApp;
  let p: NotificationPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await notificationPartner(t);
  });
  afterAll(() => t.close());

  const row = (id: string) => t.ctx.db.selectFrom('notification_endpoint').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('registers an endpoint, answers its signing secret once, and stores credentials and secret only encrypted', async () => {
    const auth = { type: 'basic', username: 'atlas', password: 'receiver-password-1' };
    const created = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ auth, events: ['booking.created'], format: 'psi-v1' }));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      service: 'booking-notification',
      url: 'http://127.0.0.1:9999/hooks/bookings',
      auth: { type: 'basic', username: 'atlas' },
      events: ['booking.created'],
      format: 'psi-v1',
      enabled: true,
      disabled_reason: null,
      previous_secret_expires_at: null,
      version: 1,
    });
    expect(body.endpoint_id).toMatch(/^whk_/);
    expect(body.signing_secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.headers.location).toBe(`${V2}/endpoints/${body.endpoint_id}`);
    const stored = JSON.stringify(await row(body.endpoint_id));
    expect(stored).not.toContain('receiver-password-1');
    expect(stored).not.toContain(body.signing_secret.slice(6));
    const read = await call(t, 'GET', p.sandbox, `${V2}/endpoints/${body.endpoint_id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('signing_secret');
    expect(read.body).not.toContain('receiver-password-1');
    const audit = await t.ctx.db.selectFrom('audit_event').select(['action', 'details']).where('target_id', '=', body.endpoint_id).execute();
    expect(audit.map((a) => a.action)).toEqual(['notification_endpoint.created']);
    expect(audit[0]?.details).not.toContain('receiver-password-1');
  });

  it('replays the same answer, secret included, for the same Idempotency-Key and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'create-endpoint-1' };
    const first = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint(), headers);
    const again = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint(), headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const stored = await t.ctx.db
      .selectFrom('idempotency_key')
      .select('response_body')
      .where('idempotency_key', '=', 'create-endpoint-1')
      .executeTakeFirstOrThrow();
    expect(stored.response_body).not.toContain(first.json().signing_secret);
    const other = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ url: 'http://127.0.0.1:9999/other' }), headers);
    expect(other.statusCode).toBe(422);
    const withAuth = (password: string) => bookingEndpoint({ auth: { type: 'basic', username: 'u', password } });
    const keyed = { 'idempotency-key': 'create-endpoint-2' };
    expect((await call(t, 'POST', p.sandbox, `${V2}/endpoints`, withAuth('first-password'), keyed)).statusCode).toBe(201);
    expect((await call(t, 'POST', p.sandbox, `${V2}/endpoints`, withAuth('first-password'), keyed)).headers['idempotent-replayed']).toBe('true');
    expect((await call(t, 'POST', p.sandbox, `${V2}/endpoints`, withAuth('other-password'), keyed)).statusCode).toBe(422);
  });

  it('lists endpoints newest first with cursor paging, optionally of one service', async () => {
    const q = await notificationPartner(t);
    const ids: string[] = [];
    for (const service of ['booking-notification', 'test-center-notification', 'booking-notification']) {
      t.clock.advance(1000);
      ids.push((await call(t, 'POST', q.sandbox, `${V2}/endpoints`, bookingEndpoint({ service }))).json().endpoint_id);
    }
    const first = (await call(t, 'GET', q.sandbox, `${V2}/endpoints?page_size=2`)).json();
    expect(first.data.map((e: { endpoint_id: string }) => e.endpoint_id)).toEqual([ids[2], ids[1]]);
    const second = (await call(t, 'GET', q.sandbox, `${V2}/endpoints?page_size=2&cursor=${first.next_cursor}`)).json();
    expect(second).toEqual({ data: [expect.objectContaining({ endpoint_id: ids[0] })], next_cursor: null });
    const centres = (await call(t, 'GET', q.sandbox, `${V2}/endpoints?service=test-center-notification`)).json();
    expect(centres.data.map((e: { endpoint_id: string }) => e.endpoint_id)).toEqual([ids[1]]);
  });

  it('updates the url, credentials and filter, disables and re-enables, each change audited without credentials', async () => {
    const id = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint())).json().endpoint_id;
    const changed = await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${id}`, {
      url: 'http://localhost:9000/new',
      auth: { type: 'bearer', token: 'receiver-token-xyz' },
      events: ['booking.cancelled', 'booking.rescheduled'],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      url: 'http://localhost:9000/new',
      auth: { type: 'bearer' },
      events: ['booking.cancelled', 'booking.rescheduled'],
      version: 2,
    });
    const disabled = (await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${id}`, { enabled: false })).json();
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: 'partner', version: 3 });
    const enabled = (await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${id}`, { enabled: true, auth: null, events: null })).json();
    expect(enabled).toMatchObject({ enabled: true, disabled_reason: null, auth: null, events: null, version: 4 });
    const audit = await t.ctx.db.selectFrom('audit_event').select(['action', 'details']).where('target_id', '=', id).orderBy('occurred_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['notification_endpoint.created', ...Array(3).fill('notification_endpoint.updated')]);
    expect(JSON.stringify(audit)).not.toContain('receiver-token-xyz');
  });

  it('rotates the signing secret: both secrets sign during the overlap, only the new one after it', async () => {
    const created = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint())).json();
    const rotated = await call(t, 'POST', p.sandbox, `${V2}/endpoints/${created.endpoint_id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const body = rotated.json();
    expect(body.signing_secret).not.toBe(created.signing_secret);
    expect(body.previous_secret_expires_at).toBe(new Date(t.clock.now().getTime() + 86_400_000).toISOString());
    const box = createSecretBox(t.config.encryptionKey);
    const during = signingSecretsOf(await row(created.endpoint_id), box, t.clock.now());
    expect(during).toEqual([body.signing_secret, created.signing_secret]);
    const payload = '{"type":"booking.created"}';
    const headers = signWebhook({ id: 'evt_1', timestamp: new Date(), body: payload, secrets: during });
    expect(() => new Webhook(created.signing_secret).verify(payload, { ...headers })).not.toThrow();
    expect(() => new Webhook(body.signing_secret).verify(payload, { ...headers })).not.toThrow();
    t.clock.advance(86_400_001);
    p.sandbox = await applicationToken(t, p.partner.sandbox); // the first one expired with the clock
    expect(signingSecretsOf(await row(created.endpoint_id), box, t.clock.now())).toEqual([body.signing_secret]);
    const immediate = (await call(t, 'POST', p.sandbox, `${V2}/endpoints/${created.endpoint_id}/rotate-secret`, { overlap_seconds: 0 })).json();
    expect(immediate.previous_secret_expires_at).toBeNull();
    expect(signingSecretsOf(await row(created.endpoint_id), box, t.clock.now())).toEqual([immediate.signing_secret]);
  });

  it('deletes an endpoint: it is gone from reads and lists', async () => {
    const id = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint())).json().endpoint_id;
    expect((await call(t, 'DELETE', p.sandbox, `${V2}/endpoints/${id}`)).statusCode).toBe(204);
    expect((await call(t, 'GET', p.sandbox, `${V2}/endpoints/${id}`)).statusCode).toBe(404);
    expect((await call(t, 'DELETE', p.sandbox, `${V2}/endpoints/${id}`)).statusCode).toBe(404);
  });

  it('refuses invalid fields, naming each one', async () => {
    const invalid = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, { service: 'carrier-pigeon', url: 'x', format: 'xml' });
    expect(invalid.statusCode).toBe(400);
    const pointers = invalid.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/service', '/body/url', '/body/format']));
    const wrongEvents = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ events: ['booking.created', 'test_center.closed'] }));
    expect(wrongEvents.statusCode).toBe(400);
    expect(wrongEvents.json().errors).toEqual([expect.objectContaining({ pointer: '/body/events/1' })]);
    const psiForCentres = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ service: 'test-center-notification', format: 'psi-v1' }));
    expect(psiForCentres.statusCode).toBe(400);
    expect(psiForCentres.json().errors).toEqual([expect.objectContaining({ pointer: '/body/format' })]);
    const basicWithoutPassword = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ auth: { type: 'basic', username: 'a' } }));
    expect(basicWithoutPassword.statusCode).toBe(400);
    const id = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ service: 'test-center-notification' }))).json().endpoint_id;
    expect((await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${id}`, {})).statusCode).toBe(400);
    const psiLater = await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${id}`, { format: 'psi-v1' });
    expect(psiLater.statusCode).toBe(400);
    expect(psiLater.json().errors).toEqual([expect.objectContaining({ pointer: '/body/format' })]);
  });

  it('refuses an internal address even in development, naming the reason', async () => {
    const response = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ url: 'http://169.254.169.254/latest/meta-data' }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'NOTIFICATIONS_URL_NOT_ALLOWED' });
    expect(response.json().detail).toMatch(/169\.254\.169\.254/);
  });
});
