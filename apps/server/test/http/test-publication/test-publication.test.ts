import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByCode } from '../../../src/modules/identity/account.repository.ts';
import { findTest } from '../../../src/modules/test-publication/test-publication.repository.ts';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, createBody, definitionOf, V2, v1 } from './test-bodies.ts';

describe.each(DIALECTS)('Test Publication v2 on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    partner = await insertPartner(t, { roles: 'psiTestPublication', subscribe: 'test-publication' });
    token = await applicationToken(t, partner.sandbox);
    accountId = (await findAccountByCode(t.ctx.db, partner.accountCode))?.id as string;
  });
  afterAll(() => t.close());

  const auditActions = async (testCode: string) => {
    const test = await findTest(t.ctx.db, { accountId, environment: 'sandbox' }, testCode);
    const rows = await t.ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('target_id', '=', test?.id as string)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ action: r.action, actor: r.actor, details: JSON.parse(r.details) }));
  };

  it('creates a published test and answers 201 with the whole resource and its Location', async () => {
    const body = createBody({ test_code: 'NCLEX-RN' });
    const response = await call(t, token, 'POST', `${V2}/tests`, body);
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe(`${V2}/tests/NCLEX-RN`);
    const now = t.clock.now().toISOString();
    expect(response.json()).toEqual({ ...definitionOf(body), test_code: 'NCLEX-RN', state: 'published', version: 1, created_at: now, updated_at: now });
    expect(await auditActions('NCLEX-RN')).toEqual([
      {
        action: 'test.created',
        actor: `partner-application:${partner.applicationId}`,
        details: { test_code: 'NCLEX-RN', environment: 'sandbox', state: 'published', version: 1 },
      },
    ]);
  });

  it('reads the test back exactly as created', async () => {
    const created = (await call(t, token, 'POST', `${V2}/tests`, createBody())).json();
    const read = await call(t, token, 'GET', `${V2}/tests/${created.test_code}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);
  });

  it('fills the documented defaults for omitted policies and delivery, and stores a draft when publish is false', async () => {
    const { policies: _p, delivery: _d, description: _desc, ...minimal } = createBody({ test_code: 'MINIMAL', publish: false });
    const response = await call(t, token, 'POST', `${V2}/tests`, { ...minimal, price: { amount: 8000, currency: 'EUR' } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      state: 'draft',
      description: null,
      delivery: { countries: [], location_codes: [] },
      policies: {
        change_tiers: [
          { min_hours_before: 168, reschedule_fee: 0, cancel_fee: 0 },
          { min_hours_before: 48, reschedule_fee: 2000, cancel_fee: 4000 },
        ],
        no_show_fee: 0,
        retake: { waiting_days: 30, max_attempts: 3, period_days: 365 },
        accommodations_allowed: [],
      },
    });
  });

  it('edits a draft in place (still version 1), then publishes it', async () => {
    const body = createBody({ publish: false });
    const code = body.test_code as string;
    await call(t, token, 'POST', `${V2}/tests`, body);
    t.clock.advance(60_000);
    const edited = await call(t, token, 'PUT', `${V2}/tests/${code}`, { ...definitionOf(body), title: 'Edited draft' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ state: 'draft', version: 1, title: 'Edited draft', updated_at: t.clock.now().toISOString() });
    const versions = (await call(t, token, 'GET', `${V2}/tests/${code}/versions`)).json();
    expect(versions.data.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([[1, 'Edited draft']]);

    t.clock.advance(1000); // audit rows are ordered by time
    const published = await call(t, token, 'POST', `${V2}/tests/${code}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ state: 'published', version: 1, title: 'Edited draft' });
    expect((await auditActions(code)).map((a) => a.action)).toEqual(['test.created', 'test.updated', 'test.published']);
  });

  it('versions a published test on PUT: version 2 becomes current and version 1 stays readable', async () => {
    const body = createBody();
    const code = body.test_code as string;
    const v1Resource = (await call(t, token, 'POST', `${V2}/tests`, body)).json();
    t.clock.advance(120_000);
    const changed = { ...definitionOf(body), price: { amount: 22000, currency: 'USD' }, policies: { no_show_fee: 0 } };
    const put = await call(t, token, 'PUT', `${V2}/tests/${code}`, changed);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ state: 'published', version: 2, price: { amount: 22000, currency: 'USD' }, created_at: v1Resource.created_at });
    expect((await call(t, token, 'GET', `${V2}/tests/${code}`)).json().version).toBe(2);

    const first = await call(t, token, 'GET', `${V2}/tests/${code}/versions/1`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ...definitionOf(body), test_code: code, version: 1, is_current: false, created_at: v1Resource.created_at });
    const second = (await call(t, token, 'GET', `${V2}/tests/${code}/versions/2`)).json();
    expect(second).toMatchObject({ version: 2, is_current: true, price: { amount: 22000 }, created_at: t.clock.now().toISOString() });

    const list = (await call(t, token, 'GET', `${V2}/tests/${code}/versions`)).json();
    expect(list.data.map((v: { version: number; is_current: boolean }) => [v.version, v.is_current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((await auditActions(code)).at(-1)).toMatchObject({ action: 'test.updated', details: { version: 2, new_version: true } });
  });

  it('makes no new version when the same definition is PUT again', async () => {
    const body = createBody();
    const code = body.test_code as string;
    await call(t, token, 'POST', `${V2}/tests`, body);
    const again = await call(t, token, 'PUT', `${V2}/tests/${code}`, { ...definitionOf(body), test_code: code });
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(1);
    expect((await auditActions(code)).map((a) => a.action)).toEqual(['test.created']);
  });

  it('retires a published test, and a draft too', async () => {
    const published = createBody();
    await call(t, token, 'POST', `${V2}/tests`, published);
    t.clock.advance(1000); // audit rows are ordered by time
    const retired = await call(t, token, 'POST', `${V2}/tests/${published.test_code}/retire`);
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ state: 'retired', version: 1 });
    expect((await auditActions(published.test_code as string)).at(-1)).toMatchObject({
      action: 'test.retired',
      details: { previous_state: 'published', state: 'retired' },
    });

    const draft = createBody({ publish: false });
    await call(t, token, 'POST', `${V2}/tests`, draft);
    expect((await call(t, token, 'POST', `${V2}/tests/${draft.test_code}/retire`)).json().state).toBe('retired');
  });

  it('lists tests by test_code in pages and filters by state', async () => {
    const fresh = await insertPartner(t, { roles: 'psiTestPublication', subscribe: 'test-publication' });
    const freshToken = await applicationToken(t, fresh.sandbox);
    for (const [code, publish] of [
      ['C-3', true],
      ['A-1', true],
      ['B-2', false],
      ['D-4', true],
      ['E-5', false],
    ] as const) {
      expect((await call(t, freshToken, 'POST', `${V2}/tests`, createBody({ test_code: code, publish }))).statusCode).toBe(201);
    }
    const codes: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { data: { test_code: string }[]; next_cursor: string | null } = (
        await call(t, freshToken, 'GET', `${V2}/tests?page_size=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      codes.push(...page.data.map((d) => d.test_code));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(codes).toEqual(['A-1', 'B-2', 'C-3', 'D-4', 'E-5']);
    expect(pages).toBe(3);

    const drafts = (await call(t, freshToken, 'GET', `${V2}/tests?state=draft`)).json();
    expect(drafts).toEqual({ data: [expect.objectContaining({ test_code: 'B-2' }), expect.objectContaining({ test_code: 'E-5' })], next_cursor: null });
  });

  it('pages through versions with a cursor', async () => {
    const body = createBody();
    const code = body.test_code as string;
    await call(t, token, 'POST', `${V2}/tests`, body);
    for (const minutes of [301, 302]) await call(t, token, 'PUT', `${V2}/tests/${code}`, { ...definitionOf(body), duration_minutes: minutes });
    const first = (await call(t, token, 'GET', `${V2}/tests/${code}/versions?page_size=2`)).json();
    expect(first.data.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const second = (await call(t, token, 'GET', `${V2}/tests/${code}/versions?page_size=2&cursor=${first.next_cursor}`)).json();
    expect(second).toEqual({ data: [expect.objectContaining({ version: 3, duration_minutes: 302, is_current: true })], next_cursor: null });
  });

  it('mirrors every operation on v1 under the account code, with Deprecation and Sunset headers', async () => {
    const base = v1(partner.accountCode);
    const body = createBody({ publish: false });
    const code = body.test_code as string;
    const created = await call(t, token, 'POST', `${base}/tests`, body);
    expect(created.statusCode).toBe(201);
    expect(created.headers.deprecation).toBeDefined();
    expect(created.headers.sunset).toBeDefined();
    expect(created.headers.location).toBe(`${base}/tests/${code}`);
    expect((await call(t, token, 'GET', `${base}/tests/${code}`)).json()).toEqual(created.json());
    expect((await call(t, token, 'PUT', `${base}/tests/${code}`, { ...definitionOf(body), title: 'v1 edit' })).json().title).toBe('v1 edit');
    expect((await call(t, token, 'POST', `${base}/tests/${code}/publish`)).json().state).toBe('published');
    expect((await call(t, token, 'PUT', `${base}/tests/${code}`, { ...definitionOf(body), title: 'v1 second' })).json().version).toBe(2);
    expect((await call(t, token, 'GET', `${base}/tests/${code}/versions`)).json().data).toHaveLength(2);
    expect((await call(t, token, 'GET', `${base}/tests/${code}/versions/1`)).json().title).toBe('v1 edit');
    const listed = (await call(t, token, 'GET', `${base}/tests?state=published`)).json();
    expect(listed.data.map((d: { test_code: string }) => d.test_code)).toContain(code);
    const retired = await call(t, token, 'POST', `${base}/tests/${code}/retire`);
    expect(retired.statusCode).toBe(200);
    expect(retired.headers.deprecation).toBeDefined();
    // The same test through v2: v1 and v2 are two views of one store.
    expect((await call(t, token, 'GET', `${V2}/tests/${code}`)).json().state).toBe('retired');
  });
});
