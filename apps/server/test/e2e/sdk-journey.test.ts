import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AtlasClient,
  AtlasProblemError,
  bookingV2,
  eligibilityV1,
  eligibilityV2,
  gettingStartedV2,
  notificationsV2,
  OAuthError,
  PsiApiError,
  paymentV2,
  testCentersV2,
  testPublicationV2,
  verifyWebhook,
} from '../../../../packages/sdk/src/index.ts';
import { DIALECTS } from '../harness.ts';
import { runCliJson } from '../support/cli.ts';
import { type CliTarget, createCliTarget } from '../support/cli-target.ts';
import { ServerProcess } from '../support/server-process.ts';

/**
 * The partner journey through the SDK only — no hand-written HTTP: a real `atlas serve` (SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set) with a partner provisioned by the admin CLI, then token, getting-started, test
 * publication, eligibility on v2 and v1, test centres, a webhook endpoint, and the webhooks it receives verified
 * with verifyWebhook.
 */

interface Provisioned {
  account_code: string;
  username: string;
  password: string;
  sandbox: { consumer_key: string; consumer_secret: string };
}

/** A partner's webhook receiver on 127.0.0.1: records every call with its raw body. */
class Receiver {
  readonly calls: { method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      this.calls.push({ method: req.method ?? '', headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/atlas`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const TEST_CODE = 'SDK-JOURNEY';

describe.each(DIALECTS)('partner journey through @atlas/sdk against a real server (%s)', { timeout: 120_000 }, (dialect) => {
  let target: CliTarget;
  let server: ServerProcess;
  let partner: Provisioned;
  let origin: string;
  let client: AtlasClient;
  const receiver = new Receiver();
  let receiverUrl: string;

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
    receiverUrl = await receiver.start();
    server = new ServerProcess(['serve'], { ...target.env, PORT: '0', HOST: '127.0.0.1' });
    origin = (await server.waitForOutput(/API Store portal:\s+(http:\/\/\S+?)\/?\n/))[1] as string;
    client = new AtlasClient({
      baseUrl: origin,
      auth: { grant: 'client_credentials', clientId: partner.sandbox.consumer_key, clientSecret: partner.sandbox.consumer_secret },
    });
  });

  afterAll(async () => {
    server?.kill();
    await server?.exited;
    await receiver.stop();
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

  it('registers a booking-notification webhook endpoint and gets its signing secret', async () => {
    const notifications = notificationsV2(client);
    const endpoint = await notifications.createNotificationEndpoint({ body: { service: 'booking-notification', url: receiverUrl } });
    expect(endpoint.signing_secret).toMatch(/^whsec_/);
    const listed = await notifications.listNotificationEndpoints();
    expect(listed.data.map((e) => e.endpoint_id)).toContain(endpoint.endpoint_id);
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

  it('reschedules the booking to a later slot, then cancels it with a full refund', async () => {
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

  // Delivery of the webhooks needs the dispatcher (issue-notify), not on main yet: see the SDK report.
  it.todo('receives the booking webhooks and verifies them with verifyWebhook');
  void verifyWebhook;
});
