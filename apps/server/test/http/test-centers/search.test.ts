import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCenter } from '../../../src/modules/test-centers/center-admin.service.ts';
import { insertTest } from '../../factories/catalog.ts';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { cosineLawKm, seedNetwork } from './network.ts';

const TIMES_SQUARE: [number, number] = [40.758, -73.9855];

interface Item {
  location_code: string;
  latitude: number;
  longitude: number;
  distance_km?: number;
  address: { country: string; region: string };
  status: string;
}

describe.each(DIALECTS)('Test Center search on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;
  let token: string;

  const search = async (query: string, accessToken = token) => {
    const response = await t.app.inject({ url: `/test-centers/v2/test-centers?${query}`, headers: bearer(accessToken) });
    return response;
  };
  const codes = async (query: string, accessToken = token) => {
    const response = await search(query, accessToken);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().data as Item[]).map((item) => item.location_code);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-03-05T15:00:00.000Z');
    await seedNetwork(t);
    partner = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers' });
    token = await applicationToken(t, partner.sandbox);
  });
  afterAll(() => t.close());

  describe('by distance', () => {
    it('orders centres by great-circle distance from near and gives each distance in km', async () => {
      const response = await search(`near=${TIMES_SQUARE.join(',')}&page_size=8`);
      expect(response.statusCode, response.body).toBe(200);
      const data = response.json().data as Item[];
      expect(data.map((item) => item.location_code)).toEqual([
        'US-NYC-01',
        'US-NYC-02',
        'US-BOS-01',
        'CA-MTL-01',
        'CA-TOR-01',
        'US-CHI-01',
        'US-DAL-01',
        'US-DEN-01',
      ]);
      for (const item of data) {
        expect(item.distance_km).toBeCloseTo(cosineLawKm(TIMES_SQUARE, [item.latitude, item.longitude]), 0);
      }
      // Published figures: Times Square → Empire State Building ≈ 1.1 km; New York → Chicago ≈ 1,145 km.
      expect(data[0]?.distance_km).toBeCloseTo(1.1, 0);
      expect(data[5]?.distance_km).toBeGreaterThan(1140);
      expect(data[5]?.distance_km).toBeLessThan(1150);
    });

    it('keeps only centres within radius_km', async () => {
      expect(await codes(`near=${TIMES_SQUARE.join(',')}&radius_km=50`)).toEqual(['US-NYC-01', 'US-NYC-02']);
      expect(await codes(`near=${TIMES_SQUARE.join(',')}&radius_km=600`)).toEqual(['US-NYC-01', 'US-NYC-02', 'US-BOS-01', 'CA-MTL-01', 'CA-TOR-01']);
      expect(await codes('near=0,-30&radius_km=100')).toEqual([]);
    });

    it('measures across the antimeridian and from the southern hemisphere', async () => {
      // From Auckland the nearest centres are Sydney, then Melbourne (≈ 2,160 km and ≈ 2,630 km).
      const response = await search('near=-36.8485,174.7633&page_size=2');
      const data = response.json().data as Item[];
      expect(data.map((item) => item.location_code)).toEqual(['AU-SYD-01', 'AU-MEL-01']);
      expect(data[0]?.distance_km).toBeGreaterThan(2100);
      expect(data[0]?.distance_km).toBeLessThan(2200);
      // From Samoa, just east of the antimeridian, Honolulu (≈ 4,200 km) is nearer than Sydney across it (≈ 4,300 km).
      expect((await codes('near=-13.759,-172.1046&page_size=2'))[0]).toBe('US-HNL-01');
    });

    it('pages through distance order without losing or repeating a centre', async () => {
      const all = await codes(`near=${TIMES_SQUARE.join(',')}&page_size=200`);
      expect(all).toHaveLength(26);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await search(`near=${TIMES_SQUARE.join(',')}&page_size=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.statusCode, response.body).toBe(200);
        paged.push(...(response.json().data as Item[]).map((item) => item.location_code));
        cursor = response.json().next_cursor;
      } while (cursor);
      expect(paged).toEqual(all);
    });
  });

  describe('filters', () => {
    it('lists every active centre by location code when no filter is given, in pages', async () => {
      const first = await search('page_size=10');
      expect(first.json().data).toHaveLength(10);
      expect(first.json().data[0]).toEqual({
        location_code: 'AU-MEL-01',
        name: 'Atlas Test Centre – Melbourne',
        address: { line1: '360 Collins Street, Level 12', line2: null, city: 'Melbourne', region: 'VIC', postal_code: '3000', country: 'AU' },
        latitude: -37.8162,
        longitude: 144.962,
        timezone: 'Australia/Melbourne',
        seats: 18,
        status: 'active',
      });
      const second = await search(`page_size=10&cursor=${first.json().next_cursor}`);
      const third = await search(`page_size=10&cursor=${second.json().next_cursor}`);
      expect(third.json().next_cursor).toBeNull();
      const all = [...first.json().data, ...second.json().data, ...third.json().data].map((item: Item) => item.location_code);
      expect(all).toHaveLength(26);
      expect(all).toEqual([...all].sort());
    });

    it('filters by country and by region, the region without regard to case', async () => {
      expect(await codes('country=GB')).toEqual(['GB-EDI-01', 'GB-LON-01', 'GB-MAN-01']);
      expect(await codes('country=US&region=ny')).toEqual(['US-NYC-01', 'US-NYC-02']);
      expect(await codes('country=CA&near=45.5017,-73.5673')).toEqual(['CA-MTL-01', 'CA-TOR-01', 'CA-VAN-01']);
    });

    it("keeps only the centres the test's delivery rules allow", async () => {
      const canada = await insertTest(t, partner, { deliveryCountries: ['CA'] });
      expect(await codes(`test_code=${canada.testCode}`)).toEqual(['CA-MTL-01', 'CA-TOR-01', 'CA-VAN-01']);

      const named = await insertTest(t, partner, { deliveryCountries: [], deliveryLocationCodes: ['US-NYC-01', 'GB-LON-01'] });
      expect(await codes(`test_code=${named.testCode}`)).toEqual(['GB-LON-01', 'US-NYC-01']);
      expect(await codes(`test_code=${named.testCode}&near=${TIMES_SQUARE.join(',')}`)).toEqual(['US-NYC-01', 'GB-LON-01']);

      const both = await insertTest(t, partner, { deliveryCountries: ['US'], deliveryLocationCodes: ['US-NYC-01', 'GB-LON-01'] });
      expect(await codes(`test_code=${both.testCode}`)).toEqual(['US-NYC-01']);

      const anywhere = await insertTest(t, partner, { deliveryCountries: [] });
      expect(await codes(`test_code=${anywhere.testCode}&page_size=200`)).toHaveLength(26);
      expect(await codes(`test_code=${anywhere.testCode}&country=PH`)).toEqual(['PH-CEB-01', 'PH-MNL-01']);
    });

    it('finds no centre for a test that is only delivered online', async () => {
      const online = await insertTest(t, partner, { deliveryModes: ['ATLAS_REMOTE_PROCTORED'], deliveryCountries: [] });
      const response = await search(`test_code=${online.testCode}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ data: [], next_cursor: null });
    });

    it('answers 404 problem for a test code the caller does not have in its environment', async () => {
      const production = await insertTest(t, partner, { environment: 'production' });
      const other = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers' });
      const theirs = await insertTest(t, other, {});
      for (const testCode of ['NO-SUCH-TEST', production.testCode, theirs.testCode]) {
        const response = await search(`test_code=${testCode}`);
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({ status: 404, code: 'TEST_CENTERS_TEST_NOT_FOUND' });
      }
      // The same production test is found with a production token.
      expect(await codes(`test_code=${production.testCode}`, await applicationToken(t, partner.production))).toContain('US-NYC-01');
    });

    it('hides closed centres unless status asks for them', async () => {
      await updateCenter(t.ctx, 'PH-CEB-01', { status: 'closed' }, 'coordinator:test');
      try {
        expect(await codes('country=PH')).toEqual(['PH-MNL-01']);
        expect(await codes('country=PH&status=closed')).toEqual(['PH-CEB-01']);
        expect(await codes('country=PH&status=all')).toEqual(['PH-CEB-01', 'PH-MNL-01']);
      } finally {
        await updateCenter(t.ctx, 'PH-CEB-01', { status: 'active' }, 'coordinator:test');
      }
    });
  });

  describe('validation', () => {
    it.each([
      ['near=north,west', '/query/near'],
      ['near=91,0', '/query/near'],
      ['radius_km=10', '/query/radius_km'],
      ['near=40,-74&radius_km=-5', '/query/radius_km'],
      ['country=usa', '/query/country'],
      ['country=us', '/query/country'],
      ['status=open', '/query/status'],
      ['page_size=0', '/query/page_size'],
      ['cursor=not-a-cursor', '/query/cursor'],
    ])('refuses %s with 400 naming %s', async (query, pointer) => {
      const response = await search(query);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.arrayContaining([expect.objectContaining({ pointer })]) });
    });

    it('names every bad field at once', async () => {
      const response = await search('country=usa&status=open&page_size=500');
      const pointers = (response.json().errors as { pointer: string }[]).map((e) => e.pointer).sort();
      expect(pointers).toEqual(expect.arrayContaining(['/query/country', '/query/page_size', '/query/status']));
    });
  });
});
