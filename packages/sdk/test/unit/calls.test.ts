import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AtlasClient,
  AtlasNetworkError,
  AtlasProblemError,
  AtlasTimeoutError,
  eligibilityV1,
  gettingStartedV2,
  PsiApiError,
  testPublicationV2,
  vouchersV2,
} from '../../src/index.js';
import { StubServer } from '../support/stub-server.ts';

const TESTS = '/test-publication/v2/tests';
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  status,
  headers: { 'content-type': 'application/problem+json', 'x-request-id': `req-${code}` },
  body: { type: `https://atlas.example/errors/${code}`, title: code, status, code, detail: `${code} detail`, ...extra },
});
const test = (code: string) => ({ test_code: code, title: code });

describe('calls: retries, idempotency, paging, timeouts, errors', () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await new StubServer().start();
  });
  afterAll(() => stub.stop());

  const client = (options: Partial<ConstructorParameters<typeof AtlasClient>[0]> = {}) =>
    new AtlasClient({ baseUrl: stub.origin, auth: { accessToken: 'atk' }, retry: { baseDelayMs: 10 }, ...options });

  /** Answers the first `failures` calls of a path with `failure`, then with `success`. */
  const failThen = (failures: number, failure: object, success: object) => {
    let seen = 0;
    stub.reset(() => (seen++ < failures ? failure : success));
  };

  it('retries an idempotent GET on 503, waiting as long as Retry-After says', async () => {
    failThen(
      1,
      { ...problem(503, 'SERVICE_UNAVAILABLE'), headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } },
      { body: { status: 'ok' } },
    );
    const started = performance.now();
    await expect(gettingStartedV2(client()).ping()).resolves.toEqual({ status: 'ok' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(stub.requests).toHaveLength(2);
  });

  it('retries 429 with an HTTP-date Retry-After, and gives up after maxRetries with the typed error', async () => {
    const date = new Date(Date.now() + 1000).toUTCString();
    failThen(
      1,
      { ...problem(429, 'GATEWAY_RATE_LIMITED'), headers: { 'content-type': 'application/problem+json', 'retry-after': date } },
      { body: { status: 'ok' } },
    );
    await expect(gettingStartedV2(client()).ping()).resolves.toEqual({ status: 'ok' });
    expect(stub.requests).toHaveLength(2);

    failThen(99, problem(502, 'BAD_GATEWAY'), { body: {} });
    await expect(gettingStartedV2(client({ retry: { maxRetries: 2, baseDelayMs: 5 } })).ping()).rejects.toMatchObject({ status: 502, code: 'BAD_GATEWAY' });
    expect(stub.requests).toHaveLength(3);
  });

  it('does not wait out a Retry-After beyond the policy: the 429 is raised with retryAfterSeconds', async () => {
    failThen(99, { ...problem(429, 'GATEWAY_RATE_LIMITED'), headers: { 'content-type': 'application/problem+json', 'retry-after': '3600' } }, {});
    await expect(gettingStartedV2(client()).ping()).rejects.toMatchObject({ status: 429, retryAfterSeconds: 3600 });
    expect(stub.requests).toHaveLength(1);
  });

  it('never retries a non-idempotent POST without an Idempotency-Key (publish), nor a 4xx', async () => {
    failThen(99, problem(503, 'SERVICE_UNAVAILABLE'), { body: {} });
    await expect(testPublicationV2(client()).publishTest({ path: { test_code: 'T1' } })).rejects.toBeInstanceOf(AtlasProblemError);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.headers['idempotency-key']).toBeUndefined();

    failThen(99, problem(409, 'TEST_ALREADY_PUBLISHED'), { body: {} });
    await expect(gettingStartedV2(client()).ping()).rejects.toMatchObject({ status: 409 });
    expect(stub.requests).toHaveLength(1);
  });

  it('sends an Idempotency-Key on creates and reuses the same key on every retry; a caller key is sent as given', async () => {
    failThen(2, problem(500, 'INTERNAL_ERROR'), { status: 201, body: test('T1') });
    const body = {
      test_code: 'T1',
      title: 'T',
      duration_minutes: 60,
      delivery_modes: ['SITE_PROCTORED' as const],
      price: { amount: 100, currency: 'USD' },
      portions: [],
      languages: ['en'],
    };
    await expect(testPublicationV2(client()).createTest({ body })).resolves.toMatchObject({ test_code: 'T1' });
    const keys = stub.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(stub.requests[0]?.body ?? '')).toEqual(body);

    failThen(0, {}, { status: 201, body: test('T2') });
    await testPublicationV2(client()).createTest({ body }, { idempotencyKey: 'mine-1' });
    await testPublicationV2(client()).createTest({ body });
    expect(stub.requests[0]?.headers['idempotency-key']).toBe('mine-1');
    expect(stub.requests[1]?.headers['idempotency-key']).not.toBe(stub.requests[0]?.headers['idempotency-key']);
  });

  it('retries a non-idempotent POST when the caller gives an Idempotency-Key', async () => {
    failThen(1, problem(503, 'SERVICE_UNAVAILABLE'), { body: test('T1') });
    await testPublicationV2(client()).publishTest({ path: { test_code: 'T1' } }, { idempotencyKey: 'publish-T1' });
    expect(stub.requests.map((r) => r.headers['idempotency-key'])).toEqual(['publish-T1', 'publish-T1']);
  });

  it('pages through a list with the cursor: .all() yields every item, .pages() every page', async () => {
    const pages: Record<string, { data: unknown[]; next_cursor: string | null }> = {
      '': { data: [test('A'), test('B')], next_cursor: 'c1' },
      c1: { data: [test('C')], next_cursor: 'c2' },
      c2: { data: [test('D')], next_cursor: null },
    };
    stub.reset((r) => ({ body: pages[new URL(r.path, stub.origin).searchParams.get('cursor') ?? ''] }));
    const api = testPublicationV2(client());
    const codes: string[] = [];
    for await (const item of api.listTests.all({ query: { page_size: 2, state: 'published' } })) codes.push(item.test_code);
    expect(codes).toEqual(['A', 'B', 'C', 'D']);
    expect(stub.requests.map((r) => r.path)).toEqual([
      `${TESTS}?page_size=2&state=published`,
      `${TESTS}?page_size=2&state=published&cursor=c1`,
      `${TESTS}?page_size=2&state=published&cursor=c2`,
    ]);
    let count = 0;
    for await (const page of api.listTests.pages()) count += page.data.length;
    expect(count).toBe(4);
  });

  it('encodes path parameters', async () => {
    stub.reset(() => ({ body: test('A/B') }));
    await testPublicationV2(client()).getTest({ path: { test_code: 'A/B ?' } });
    expect(stub.requests[0]?.path).toBe(`${TESTS}/A%2FB%20%3F`);
  });

  it('times out a slow attempt with AtlasTimeoutError (after retrying an idempotent call)', async () => {
    stub.reset(() => ({ body: { status: 'ok' }, delayMs: 400 }));
    const error = await gettingStartedV2(client({ timeoutMs: 100, retry: { maxRetries: 1, baseDelayMs: 5 } }))
      .ping()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(stub.requests).toHaveLength(2);
  });

  it('an AbortSignal cancels the request in flight and the wait between retries, rejecting with its AbortError', async () => {
    stub.reset(() => ({ body: { status: 'ok' }, delayMs: 2000 }));
    const inFlight = new AbortController();
    const call = gettingStartedV2(client()).ping(undefined, { signal: inFlight.signal });
    setTimeout(() => inFlight.abort(), 50);
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });

    stub.reset(() => ({ ...problem(503, 'SERVICE_UNAVAILABLE'), headers: { 'content-type': 'application/problem+json', 'retry-after': '30' } }));
    const waiting = new AbortController();
    const started = performance.now();
    const retrying = gettingStartedV2(client()).ping(undefined, { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 100);
    await expect(retrying).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(stub.requests).toHaveLength(1);

    await expect(gettingStartedV2(client()).ping(undefined, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('types a v2 problem+json answer with code, detail, field errors and request id', async () => {
    stub.reset(() => problem(400, 'VALIDATION_FAILED', { errors: [{ pointer: '/body/title', message: 'must be string' }] }));
    const error = await vouchersV2(client())
      .getVoucher({ path: { code: 'X' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasProblemError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'VALIDATION_FAILED detail',
      requestId: 'req-VALIDATION_FAILED',
      errors: [{ pointer: '/body/title', message: 'must be string' }],
    });
  });

  it('types a v1 answer in the PSI error model, keeping PSI’s text verbatim', async () => {
    const text = 'No data found for the given candidate id.';
    stub.reset(() => ({ status: 400, body: { error: 'invalid_request', error_description: text } }));
    const error = await eligibilityV1(client())
      .listCandidateEligibilitiesV1({ path: { account_code: 'ACC1', candidate_id: 'C1' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsiApiError);
    expect(error).toMatchObject({ status: 400, error: 'invalid_request', errorDescription: text });
  });

  it('reports a refused connection as AtlasNetworkError', async () => {
    const dead = new StubServer();
    await dead.start();
    const origin = dead.origin;
    await dead.stop();
    const error = await gettingStartedV2(new AtlasClient({ baseUrl: origin, auth: { accessToken: 'a' }, retry: { maxRetries: 0 } }))
      .ping()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasNetworkError);
  });

  it('picks the base URL of its environment', () => {
    const environments = { sandbox: 'https://sandbox.example/', production: 'https://api.example' };
    expect(new AtlasClient({ environments, auth: { accessToken: 'a' } }).baseUrl).toBe('https://sandbox.example');
    expect(new AtlasClient({ environments, environment: 'production', auth: { accessToken: 'a' } }).baseUrl).toBe('https://api.example');
    expect(new AtlasClient({ auth: { accessToken: 'a' } }).baseUrl).toBe('http://127.0.0.1:8080');
  });
});
