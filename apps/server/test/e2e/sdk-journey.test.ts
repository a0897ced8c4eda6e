import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AtlasClient,
  AtlasProblemError,
  type BookingEvent,
  bookingV2,
  eligibilityV1,
  eligibilityV2,
  gettingStartedV2,
  notificationsV2,
  OAuthError,
  PsiApiError,
  type PsiBookingNotification,
  paymentV2,
  testCentersV2,
  testPublicationV2,
  verifyWebhook,
  WebhookVerificationError,
} from '../../../../packages/sdk/src/index.ts';
import { DIALECTS } from '../harness.ts';
import { runCliJson } from '../support/cli.ts';
import { type CliTarget, createCliTarget } from '../support/cli-target.ts';
import { ServerProcess } from '../support/server-process.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * The partner journey through the SDK only — no hand-written HTTP: a real `atlas serve` (SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set) with a partner provisioned by the admin CLI, then token (client_credentials and password),
 * getting-started, test publication, test centres, eligibility on v2 and v1, webhook endpoints (v2 and psi-v1), slot
 * search, hold, payment, confirm, secret rotation, reschedule, cancel — and the webhooks the server's dispatcher sends
 * for those changes, received on 127.0.0.1 and verified with verifyWebhook.
 */

interface Provisioned {
  account_code: string;
  username: string;
  password: string;
  sandbox: { consumer_key: string; consumer_secret: string };
}

const TEST_CODE = 'SDK-JOURNEY';

describe.each(DIALECTS)('partner journey through @atlas/sdk against a real server (%s)', { timeout: 120_000 }, (dialect) => {
  let target: CliTarget;
  let server: ServerProcess;
  let partner: Provisioned;
  let origin: string;
  let client: AtlasClient;
  let receiver: WebhookReceiver;

  // Five CLI starts and a server start: the timeout is generous for a machine busy with other suites.
  beforeAll(async () => {
    target = await createCliTarget(dialect, 'sdk-journey');
    const cli = <T>(...args: string[]) => runCliJson<T>(args, target.env);
    await cli('migrate');
    // Independent provisioning steps run side by side: each CLI start costs seconds.
    const [account] = await Promise.all([
      cli<{ account_code: string; username: string; password: string }>(
        'admin',
        'account',
        'create',
        '--name',
        'SDK Journey Board',
        '--roles',
        'all',
        '--cidr',
        '127.0.0.0/8',
        '--cidr',
        '::1/128',
      ),
      cli(
        'admin',
        'test-center',
        'create',
        '--code',
        'US-SDK-01',
        '--name',
        'SDK Journey Centre',
        '--address1',
        '1 Main Street',
        '--city',
        'Springfield',
        '--region',
        'IL',
        '--postal-code',
        '62701',
        '--country',
        'US',
        '--lat',
        '39.7817',
        '--lon=-89.6501',
        '--timezone',
        'America/Chicago',
        '--seats',
        '8',
        '--hours',
        'mon-sun 00:00-23:59',
      ),
    ]);
    const [, app] = await Promise.all([
      cli('admin', 'user', 'set-password', '--account', account.account_code, '--username', account.username, '--password', 'journey-password-1'),
      cli<{ sandbox: Provisioned['sandbox'] }>('admin', 'app', 'create', '--account', account.account_code, '--name', 'SDK Journey', '--subscribe', 'all'),
    ]);
    partner = { ...account, password: 'journey-password-1', sandbox: app.sandbox };
    receiver = await WebhookReceiver.start();
    server = new ServerProcess(['serve'], { ...target.env, PORT: '0', HOST: '127.0.0.1' });
    origin = (await server.waitForOutput(/API Store portal:\s+(http:\/\/[^/\s]+)/, 90_000))[1] as string;
    client = new AtlasClient({
      baseUrl: origin,
      auth: { grant: 'client_credentials', clientId: partner.sandbox.consumer_key, clientSecret: partner.sandbox.consumer_secret },
    });
  }, 180_000);

  afterAll(async () => {
    server?.kill();
    await server?.exited;
    await receiver?.close();
    await target?.close();
  });

  it('gets a token and answers ping and whoami', async () => {
    const gettingStarted = gettingStartedV2(client);
    await expect(gettingStarted.ping()).resolves.toMatchObject({ status: 'ok', service: 'getting-started' });
    await expect(gettingStarted.whoAmI()).resolves.toMatchObject({ account_code: partner.account_code, environment: 'sandbox', user: null });
    const echoed = await gettingStarted.echo({ body: { hello: 'atlas' } as never });
    expect(echoed).toBeDefined();
  });

  it('a PSI-style user token (password grant) works too; a wrong password is an OAuthError', async () => {
    const auth = {
      grant: 'password',
      clientId: partner.sandbox.consumer_key,
      clientSecret: partner.sandbox.consumer_secret,
      username: partner.username,
    } as const;
    const user = new AtlasClient({ baseUrl: origin, auth: { ...auth, password: partner.password } });
    await expect(gettingStartedV2(user).whoAmI()).resolves.toMatchObject({ user: partner.username });
    const wrong = new AtlasClient({ baseUrl: origin, auth: { ...auth, password: 'nope' } });
    const error = await gettingStartedV2(wrong)
      .ping()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ error: 'invalid_grant' });
  });

  it('publishes a test (create with an automatic Idempotency-Key, then publish) and finds it by paging', async () => {
    const publication = testPublicationV2(client);
    const created = await publication.createTest({
      body: {
        test_code: TEST_CODE,
        title: 'SDK Journey Exam',
        duration_minutes: 90,
        delivery_modes: ['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED'],
        price: { amount: 12_500, currency: 'USD' },
        portions: [{ portion_code: 'P1', portion_name: 'Part one' }],
        languages: ['en'],
        publish: false,
      },
    });
    expect(created).toMatchObject({ test_code: TEST_CODE, state: 'draft' });
    const published = await publication.publishTest({ path: { test_code: TEST_CODE } });
    expect(published).toMatchObject({ test_code: TEST_CODE, state: 'published' });
    const codes: string[] = [];
    for await (const test of publication.listTests.all({ query: { page_size: 1 } })) codes.push(test.test_code);
    expect(codes).toContain(TEST_CODE);
  });

  it('finds the test centre', async () => {
    const centers = testCentersV2(client);
    const found = await centers.searchTestCenters({ query: { country: 'US' } });
    expect(found.data.map((c) => c.location_code)).toContain('US-SDK-01');
    await expect(centers.getTestCenter({ path: { location_code: 'US-SDK-01' } })).resolves.toMatchObject({ timezone: 'America/Chicago' });
  });

  let eligibilityCode: string;

  it('creates an eligibility on v2; a duplicate is a typed 409 problem', async () => {
    const eligibility = eligibilityV2(client);
    const body = {
      candidate: { candidate_id: 'SDK-C-1', first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.org', country: 'US' },
      test_code: TEST_CODE,
      client_eligibility_id: 'SDK-CE-1',
      eligibility_end_date: '2099-12-31',
    };
    const created = await eligibility.createEligibility({ body });
    eligibilityCode = created.eligibility_code;
    expect(created).toMatchObject({ test_code: TEST_CODE, candidate: { candidate_id: 'SDK-C-1' } });
    await expect(eligibility.getEligibility({ path: { eligibility_code: eligibilityCode } })).resolves.toMatchObject({ eligibility_code: eligibilityCode });

    const duplicate = await eligibility.createEligibility({ body }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(AtlasProblemError);
    expect(duplicate).toMatchObject({ status: 409, code: 'ELIGIBILITY_ALREADY_ACTIVE' });
  });

  it('creates and reads an eligibility on v1 (PSI model); a PSI error keeps its published text', async () => {
    const v1 = eligibilityV1(client);
    const account_code = partner.account_code;
    const created = await v1.createCandidateEligibilityV1({
      path: { account_code },
      body: { candidate: { candidate_id: 'SDK-C-2', first_name: 'Katherine', last_name: 'Johnson' }, test_code: TEST_CODE, client_eligibility_id: 'SDK-CE-2' },
    });
    expect(created).toMatchObject({ test_code: TEST_CODE, psi_eligiblity_id: expect.any(String) });
    const listed = await v1.listCandidateEligibilitiesByStatusV1({ path: { account_code, candidate_id: 'SDK-C-2' }, query: { status: 'active' } });
    expect(listed.map((e) => e.test_code)).toEqual([TEST_CODE]);

    const error = await v1.listCandidateEligibilitiesV1({ path: { account_code, candidate_id: 'NOBODY' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsiApiError);
    expect(error).toMatchObject({ status: 400, errorDescription: 'No data found for the given candidate id.' });
  });

  const secrets: { v2: string[]; psi: string } = { v2: [], psi: '' };
  let v2EndpointId: string;

  it('registers booking-notification endpoints (v2 and psi-v1) and gets their signing secrets', async () => {
    const notifications = notificationsV2(client);
    const v2 = await notifications.createNotificationEndpoint({ body: { service: 'booking-notification', url: receiver.url('/v2') } });
    const psi = await notifications.createNotificationEndpoint({ body: { service: 'booking-notification', url: receiver.url('/psi'), format: 'psi-v1' } });
    expect([v2.signing_secret, psi.signing_secret]).toEqual([expect.stringMatching(/^whsec_/), expect.stringMatching(/^whsec_/)]);
    secrets.v2.push(v2.signing_secret);
    secrets.psi = psi.signing_secret;
    v2EndpointId = v2.endpoint_id;
    const ids: string[] = [];
    for await (const endpoint of notifications.listNotificationEndpoints.all({ query: { page_size: 1 } })) ids.push(endpoint.endpoint_id);
    expect(ids).toEqual(expect.arrayContaining([v2.endpoint_id, psi.endpoint_id]));
    expect(eligibilityCode).toBeDefined();
  });

  let bookingCode: string;

  it('finds a slot, holds it, pays for the hold with a sandbox test card, and confirms the booking', async () => {
    const booking = bookingV2(client);
    // Far enough ahead that rescheduling and cancelling fall in the free tier of the default policy.
    const from = new Date(Date.now() + 40 * 86_400_000).toISOString();
    const slots = await booking.searchSlots({ query: { test_code: TEST_CODE, delivery_mode: 'SITE_PROCTORED', location_code: 'US-SDK-01', from } });
    const [slot, laterSlot] = slots.data;
    expect(slot).toMatchObject({ location_timezone: 'America/Chicago', seats_available: 8 });
    const hold = await booking.createHold({ body: { eligibility_code: eligibilityCode, slot_id: (slot as { slot_id: string }).slot_id } });
    expect(hold.price).toEqual({ amount: 12_500, currency: 'USD' });

    const [card] = (await paymentV2(client).listTestCards()).data.filter((c) => c.outcome === 'succeeded');
    const payment = await paymentV2(client).createPayment({
      body: { hold_id: hold.hold_id, method: 'card', card: { number: (card as { number: string }).number, exp_month: 12, exp_year: 2035, cvc: '123' } },
    });
    expect(payment).toMatchObject({ state: 'succeeded', amount: { amount: 12_500, currency: 'USD' } });

    const confirmed = await booking.createBooking({ body: { hold_id: hold.hold_id, payment: { payment_id: payment.payment_id } } });
    expect(confirmed).toMatchObject({ status: 'confirmed', starts_at: slot?.starts_at, payment_method: 'card' });
    bookingCode = confirmed.booking_code;
    await expect(booking.getBooking({ path: { booking_code: bookingCode } })).resolves.toMatchObject({ booking_code: bookingCode, status: 'confirmed' });
    expect(laterSlot).toBeDefined();
  });

  it('reschedules the booking to a later slot (after rotating the v2 signing secret), then cancels it with a full refund', async () => {
    // From now on the v2 endpoint's calls are signed with the new AND the previous secret (24 h overlap).
    const rotated = await notificationsV2(client).rotateNotificationEndpointSecret({ path: { endpoint_id: v2EndpointId }, body: {} });
    secrets.v2.push(rotated.signing_secret);
    expect(rotated.signing_secret).not.toBe(secrets.v2[0]);
    const booking = bookingV2(client);
    const current = await booking.getBooking({ path: { booking_code: bookingCode } });
    const slots = await booking.searchSlots({
      query: { test_code: TEST_CODE, location_code: 'US-SDK-01', from: new Date(Date.parse(current.starts_at) + 86_400_000).toISOString() },
    });
    const target = slots.data[0] as { slot_id: string; starts_at: string };
    const moved = await booking.rescheduleBooking({ path: { booking_code: bookingCode }, body: { slot_id: target.slot_id } });
    expect(moved).toMatchObject({ status: 'confirmed', starts_at: target.starts_at, previous_starts_at: current.starts_at, reschedule_count: 1 });

    const cancelled = await booking.cancelBooking({ path: { booking_code: bookingCode }, body: { reason: 'candidate moved away', cancelled_by: 'candidate' } });
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled.cancellation).toMatchObject({ refund: { amount: 12_500, currency: 'USD' } });
    // A second cancel is a typed state error, not a silent success.
    const again = await booking.cancelBooking({ path: { booking_code: bookingCode }, body: {} }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AtlasProblemError);
    expect(again).toMatchObject({ status: 409 });
  });

  it('receives the three booking changes on both endpoints, in order, and verifies them with verifyWebhook (both secrets during the rotation)', async () => {
    for (let waited = 0; (receiver.callsTo('/v2').length < 3 || receiver.callsTo('/psi').length < 3) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [oldSecret, newSecret] = secrets.v2 as [string, string];
    const v2Calls = receiver.callsTo('/v2');
    const events: BookingEvent[] = [];
    for (const [index, call] of v2Calls.entries()) {
      expect(call.method).toBe('POST');
      // Signed before the rotation: the old secret only. After: either secret alone, or both as a receiver holds them.
      const event = await verifyWebhook<BookingEvent>(call.headers, call.body, index === 0 ? oldSecret : [newSecret, oldSecret]);
      if (index > 0) {
        await expect(verifyWebhook(call.headers, call.body, oldSecret)).resolves.toEqual(event);
        await expect(verifyWebhook(call.headers, call.body, newSecret)).resolves.toEqual(event);
      }
      expect(call.headers['webhook-id']).toBe(event.id);
      events.push(event);
    }
    expect(events.map((e) => [e.type, e.data.booking_code, e.data.change_reason, e.environment, e.account_code])).toEqual([
      ['booking.created', bookingCode, 'BOOKING_CREATED', 'sandbox', partner.account_code],
      ['booking.rescheduled', bookingCode, 'BOOKING_RESCHEDULED', 'sandbox', partner.account_code],
      ['booking.cancelled', bookingCode, 'BOOKING_CANCELLED', 'sandbox', partner.account_code],
    ]);
    expect(events.map((e) => e.version)).toEqual([...events.map((e) => e.version)].sort((a, b) => a - b));
    expect(events[2]?.data.cancellation).toMatchObject({ by: 'candidate', refund: { amount: 12_500, currency: 'USD' } });

    const forged = await verifyWebhook(v2Calls[0]?.headers ?? {}, (v2Calls[0]?.body ?? '').replace(bookingCode, 'FORGED'), oldSecret).catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(WebhookVerificationError);

    const psi: PsiBookingNotification[] = [];
    for (const call of receiver.callsTo('/psi')) {
      expect(call.method).toBe('PUT');
      psi.push(await verifyWebhook<PsiBookingNotification>(call.headers, call.body, secrets.psi));
    }
    expect(psi.map((n) => [n.booking_code, n.change_reason, n.location_code, n.exam_code])).toEqual([
      [bookingCode, 'BOOKING_CREATED', 'US-SDK-01', TEST_CODE],
      [bookingCode, 'BOOKING_RESCHEDULED', 'US-SDK-01', TEST_CODE],
      [bookingCode, 'BOOKING_CANCELLED', 'US-SDK-01', TEST_CODE],
    ]);

    // The delivery log agrees, read through the SDK's paging (the dispatcher records an answer just after the receiver got it).
    const delivered = async () => {
      const ids: string[] = [];
      for await (const delivery of notificationsV2(client).listNotificationDeliveries.all({ query: { status: 'delivered', page_size: 2 } }))
        ids.push(delivery.delivery_id);
      return ids;
    };
    for (let waited = 0; (await delivered()).length < 6 && waited < 10_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await delivered()).toHaveLength(6);
  });
});
