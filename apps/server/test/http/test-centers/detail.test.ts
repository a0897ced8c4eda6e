import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelClosure, closeCenter } from '../../../src/modules/test-centers/center-admin.service.ts';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { seedNetwork } from './network.ts';

const COORDINATOR = 'coordinator:test';
const START = '2026-03-05T15:00:00.000Z';
const EST = (day: string, from: string, to: string) => ({
  opens_at: `2026-03-${day}T${from}:00:00.000Z`,
  closes_at: `2026-03-${day}T${to}:00:00.000Z`,
});

describe.each(DIALECTS)('Test Center detail and closures on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;
  let token: string;
  let morningClosure: string;

  const get = (path: string) => t.app.inject({ url: `/test-centers/v2/test-centers/${path}`, headers: bearer(token) });

  /** Runs `check` with the clock at `instant` (and a token issued then: tokens live an hour), then moves it back. */
  async function atInstant(instant: string, check: () => Promise<void>) {
    t.clock.set(instant);
    token = await applicationToken(t, partner.sandbox);
    try {
      await check();
    } finally {
      t.clock.set(START);
      token = await applicationToken(t, partner.sandbox);
    }
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Thursday 2026-03-05, 10:00 in New York: the next 7 days cross the switch to daylight time on Sunday 2026-03-08.
    t.clock.set(START);
    await seedNetwork(t);
    partner = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers' });
    token = await applicationToken(t, partner.sandbox);
    // Friday 09:00–11:00 EST.
    const closed = await closeCenter(
      t.ctx,
      'US-NYC-01',
      { from: '2026-03-06T09:00:00-05:00', to: '2026-03-06T11:00:00-05:00', reason: 'Fire drill' },
      COORDINATOR,
    );
    morningClosure = closed.closure.closure_id;
  });
  afterAll(() => t.close());

  it('describes a centre: address, coordinates, zone with its current offset and local time, seats, weekly hours', async () => {
    const response = await get('US-NYC-01');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      location_code: 'US-NYC-01',
      name: 'Atlas Test Center – New York Midtown',
      address: { line1: '350 Fifth Avenue, Suite 4100', line2: null, city: 'New York', region: 'NY', postal_code: '10118', country: 'US' },
      latitude: 40.7484,
      longitude: -73.9857,
      timezone: 'America/New_York',
      utc_offset: '-05:00',
      local_time: '2026-03-05T10:00:00-05:00',
      seats: 24,
      status: 'active',
    });
    expect(body.weekly_hours).toEqual({
      monday: [{ opens: '08:00', closes: '18:00' }],
      tuesday: [{ opens: '08:00', closes: '18:00' }],
      wednesday: [{ opens: '08:00', closes: '18:00' }],
      thursday: [{ opens: '08:00', closes: '18:00' }],
      friday: [{ opens: '08:00', closes: '18:00' }],
      saturday: [{ opens: '08:00', closes: '14:00' }],
      sunday: [],
    });
  });

  it('gives the next 7 days of opening times in UTC and local time, across the New York switch to daylight time', async () => {
    const days = (await get('US-NYC-01')).json().opening_times as { date: string; weekday: string; windows: Record<string, string>[] }[];
    expect(days.map((d) => [d.date, d.weekday, d.windows.map((w) => [w.opens_at, w.closes_at])])).toEqual([
      ['2026-03-05', 'thursday', [Object.values(EST('05', '13', '23'))]],
      // The fire drill (14:00–16:00 UTC) splits Friday.
      ['2026-03-06', 'friday', [Object.values(EST('06', '13', '14')), Object.values(EST('06', '16', '23'))]],
      ['2026-03-07', 'saturday', [Object.values(EST('07', '13', '19'))]],
      ['2026-03-08', 'sunday', []],
      // From Monday the same 08:00 local opening is 12:00 UTC.
      ['2026-03-09', 'monday', [Object.values(EST('09', '12', '22'))]],
      ['2026-03-10', 'tuesday', [Object.values(EST('10', '12', '22'))]],
      ['2026-03-11', 'wednesday', [Object.values(EST('11', '12', '22'))]],
    ]);
    expect(days[0]?.windows[0]).toMatchObject({ opens_at_local: '2026-03-05T08:00:00-05:00', closes_at_local: '2026-03-05T18:00:00-05:00' });
    expect(days[1]?.windows[1]).toMatchObject({ opens_at_local: '2026-03-06T11:00:00-05:00' });
    expect(days[4]?.windows[0]).toMatchObject({ opens_at_local: '2026-03-09T08:00:00-04:00', closes_at_local: '2026-03-09T18:00:00-04:00' });
  });

  it('follows London onto summer time on 2026-03-29', async () => {
    await atInstant('2026-03-27T12:00:00.000Z', async () => {
      const body = (await get('GB-LON-01')).json();
      expect(body).toMatchObject({ timezone: 'Europe/London', utc_offset: '+00:00', local_time: '2026-03-27T12:00:00+00:00' });
      const days = body.opening_times as { date: string; windows: Record<string, string>[] }[];
      expect(days.slice(0, 4).map((d) => [d.date, d.windows[0]?.opens_at, d.windows[0]?.opens_at_local])).toEqual([
        ['2026-03-27', '2026-03-27T07:30:00.000Z', '2026-03-27T07:30:00+00:00'],
        ['2026-03-28', '2026-03-28T09:00:00.000Z', '2026-03-28T09:00:00+00:00'],
        ['2026-03-29', '2026-03-29T08:00:00.000Z', '2026-03-29T09:00:00+01:00'],
        ['2026-03-30', '2026-03-30T06:30:00.000Z', '2026-03-30T07:30:00+01:00'],
      ]);
    });
  });

  it('starts the schedule on the local date, which in Sydney is already the next day', async () => {
    await atInstant('2026-03-05T20:00:00.000Z', async () => {
      const body = (await get('AU-SYD-01')).json();
      expect(body).toMatchObject({ utc_offset: '+11:00', local_time: '2026-03-06T07:00:00+11:00' });
      expect(body.opening_times[0]).toMatchObject({
        date: '2026-03-06',
        weekday: 'friday',
        windows: [{ opens_at: '2026-03-05T21:00:00.000Z', opens_at_local: '2026-03-06T08:00:00+11:00' }],
      });
    });
  });

  it('lists upcoming closures in UTC and local time', async () => {
    const body = (await get('US-NYC-01')).json();
    expect(body.upcoming_closures).toEqual([
      {
        closure_id: morningClosure,
        starts_at: '2026-03-06T14:00:00.000Z',
        ends_at: '2026-03-06T16:00:00.000Z',
        starts_at_local: '2026-03-06T09:00:00-05:00',
        ends_at_local: '2026-03-06T11:00:00-05:00',
        reason: 'Fire drill',
      },
      // The demo's full-day closure ten local days ahead falls after the switch: local midnight is 04:00 UTC.
      {
        closure_id: expect.stringMatching(/^cls_/),
        starts_at: '2026-03-15T04:00:00.000Z',
        ends_at: '2026-03-16T04:00:00.000Z',
        starts_at_local: '2026-03-15T00:00:00-04:00',
        ends_at_local: '2026-03-16T00:00:00-04:00',
        reason: 'HVAC replacement: the building is closed for the day',
      },
    ]);
  });

  it('pages the closures list and separates upcoming from past ones', async () => {
    const first = await get('US-NYC-01/closures?page_size=1');
    expect(first.json()).toMatchObject({ location_code: 'US-NYC-01', timezone: 'America/New_York', data: [{ closure_id: morningClosure }] });
    const second = await get(`US-NYC-01/closures?page_size=1&cursor=${first.json().next_cursor}`);
    expect(second.json()).toMatchObject({ data: [{ starts_at: '2026-03-15T04:00:00.000Z' }], next_cursor: null });

    await atInstant('2026-03-07T00:00:00.000Z', async () => {
      expect((await get('US-NYC-01/closures')).json().data.map((c: { starts_at: string }) => c.starts_at)).toEqual(['2026-03-15T04:00:00.000Z']);
      expect((await get('US-NYC-01/closures?when=past')).json().data.map((c: { closure_id: string }) => c.closure_id)).toEqual([morningClosure]);
      expect((await get('US-NYC-01/closures?when=all')).json().data).toHaveLength(2);
    });
  });

  it('drops a cancelled closure from the detail, the list and the opening times', async () => {
    const extra = await closeCenter(t.ctx, 'US-BOS-01', { from: '2026-03-09T12:00:00Z', to: '2026-03-10T12:00:00Z', reason: 'Flooding' }, COORDINATOR);
    const before = (await get('US-BOS-01')).json();
    expect(before.upcoming_closures).toHaveLength(1);
    expect(before.opening_times[4]).toMatchObject({ date: '2026-03-09', windows: [] });
    await cancelClosure(t.ctx, 'US-BOS-01', extra.closure.closure_id, COORDINATOR);
    const after = (await get('US-BOS-01')).json();
    expect(after.upcoming_closures).toEqual([]);
    expect(after.opening_times[4].windows).toHaveLength(1);
    expect((await get('US-BOS-01/closures?when=all')).json().data).toEqual([]);
  });

  it('finds a centre whatever the case of its code, and answers 404 problem for an unknown one', async () => {
    expect((await get('us-nyc-01')).json().location_code).toBe('US-NYC-01');
    for (const path of ['XX-NOPE-01', 'XX-NOPE-01/closures']) {
      const response = await get(path);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'TEST_CENTERS_NOT_FOUND', detail: 'no test centre has the location code "XX-NOPE-01"' });
    }
  });

  it('refuses an unknown closures window with 400 naming it', async () => {
    const response = await get('US-NYC-01/closures?when=soon');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/query/when' })]);
  });

  describe('v1 mirror', () => {
    const v1 = (path: string, accountCode = partner.accountCode) =>
      t.app.inject({ url: `/test-centers/v1/accounts/${accountCode}/test-centers${path}`, headers: bearer(token) });

    it('answers every operation like v2, marked deprecated', async () => {
      for (const path of ['/US-NYC-01', '/US-NYC-01/closures', '?near=40.758,-73.9855&page_size=3', '?country=GB']) {
        const [v2Response, v1Response] = [await t.app.inject({ url: `/test-centers/v2/test-centers${path}`, headers: bearer(token) }), await v1(path)];
        expect(v1Response.statusCode, v1Response.body).toBe(200);
        expect(v1Response.json()).toEqual(v2Response.json());
        expect(v1Response.headers.deprecation).toBeDefined();
        expect(v2Response.headers.deprecation).toBeUndefined();
      }
    });

    it('answers errors in the PSI model', async () => {
      const unknown = await v1('/XX-NOPE-01');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ error: 'not_found', error_description: 'no test centre has the location code "XX-NOPE-01"' });
      const invalid = await v1('?near=somewhere');
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('/query/near') });
    });
  });
});
