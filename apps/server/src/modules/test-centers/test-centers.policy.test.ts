import { describe, expect, it } from 'vitest';
import {
  addDays,
  boundingBox,
  centreRestrictionFor,
  formatLocalIso,
  formatOffset,
  greatCircleKm,
  isValidTimeZone,
  localDateAt,
  parseNear,
  utcOffsetMinutes,
  weekdayOf,
  zonedToUtc,
} from './test-centers.policy.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('great-circle distance', () => {
  it('matches published distances between well-known points', () => {
    // London ↔ Paris city centres ≈ 343.5 km; New York ↔ Los Angeles ≈ 3936 km; Sydney ↔ Melbourne ≈ 714 km.
    expect(greatCircleKm({ latitude: 51.5074, longitude: -0.1278 }, { latitude: 48.8566, longitude: 2.3522 })).toBeCloseTo(343.5, 0);
    expect(greatCircleKm({ latitude: 40.7128, longitude: -74.006 }, { latitude: 34.0522, longitude: -118.2437 })).toBeGreaterThan(3930);
    expect(greatCircleKm({ latitude: 40.7128, longitude: -74.006 }, { latitude: 34.0522, longitude: -118.2437 })).toBeLessThan(3942);
    expect(greatCircleKm({ latitude: -33.8688, longitude: 151.2093 }, { latitude: -37.8136, longitude: 144.9631 })).toBeCloseTo(713.4, -1);
  });

  it('is zero for the same point and symmetric, also across the antimeridian', () => {
    const fiji = { latitude: -17.7134, longitude: 178.065 };
    const samoa = { latitude: -13.759, longitude: -172.1046 };
    expect(greatCircleKm(fiji, fiji)).toBe(0);
    expect(greatCircleKm(fiji, samoa)).toBeCloseTo(greatCircleKm(samoa, fiji), 9);
    expect(greatCircleKm(fiji, samoa)).toBeLessThan(1200);
  });

  it('bounds a radius with a box that holds every point inside it', () => {
    const center = { latitude: 40.7128, longitude: -74.006 };
    const box = boundingBox(center, 100);
    const edgeEast = { latitude: 40.7128, longitude: -74.006 + 1.17 }; // ≈ 98.7 km east
    expect(greatCircleKm(center, edgeEast)).toBeLessThan(100);
    expect(edgeEast.longitude).toBeLessThan(box.maxLon as number);
    expect(box.maxLat - center.latitude).toBeCloseTo(0.899, 2);
    expect(boundingBox({ latitude: 0, longitude: 179.5 }, 200).minLon).toBeUndefined();
  });

  it('reads near as "lat,lon" and refuses anything out of range', () => {
    expect(parseNear('40.7128,-74.0060')).toEqual({ latitude: 40.7128, longitude: -74.006 });
    expect(parseNear(' 51.5 , -0.12 ')).toEqual({ latitude: 51.5, longitude: -0.12 });
    expect(parseNear('91,0')).toBeUndefined();
    expect(parseNear('10,181')).toBeUndefined();
    expect(parseNear('north,west')).toBeUndefined();
    expect(parseNear('10')).toBeUndefined();
  });
});

describe('time zones', () => {
  it('accepts IANA zones and refuses anything else', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('+05:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('gives New York -05:00 before and -04:00 after the 2026-03-08 change', () => {
    expect(utcOffsetMinutes(at('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-300);
    expect(utcOffsetMinutes(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-240);
    expect(formatLocalIso(at('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08T01:59:00-05:00');
    expect(formatLocalIso(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
  });

  it('converts local opening times to UTC on both sides of the New York change', () => {
    expect(iso(zonedToUtc('2026-03-07', '08:00', 'America/New_York'))).toBe('2026-03-07T13:00:00.000Z');
    expect(iso(zonedToUtc('2026-03-09', '08:00', 'America/New_York'))).toBe('2026-03-09T12:00:00.000Z');
  });

  it('moves a skipped local time forward by the gap and takes the first of a repeated one', () => {
    expect(iso(zonedToUtc('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(iso(zonedToUtc('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso(zonedToUtc('2026-11-01', '03:00', 'America/New_York'))).toBe('2026-11-01T08:00:00.000Z'); // EST
  });

  it('follows London onto summer time on 2026-03-29 at 01:00 UTC', () => {
    expect(iso(zonedToUtc('2026-03-28', '09:00', 'Europe/London'))).toBe('2026-03-28T09:00:00.000Z');
    expect(iso(zonedToUtc('2026-03-30', '09:00', 'Europe/London'))).toBe('2026-03-30T08:00:00.000Z');
    expect(utcOffsetMinutes(at('2026-03-29T00:59:00Z'), 'Europe/London')).toBe(0);
    expect(utcOffsetMinutes(at('2026-03-29T01:00:00Z'), 'Europe/London')).toBe(60);
  });

  it('handles half-hour zones and the southern hemisphere', () => {
    expect(formatOffset(utcOffsetMinutes(at('2026-06-01T00:00:00Z'), 'Asia/Kolkata'))).toBe('+05:30');
    expect(iso(zonedToUtc('2026-01-15', '09:00', 'Asia/Kolkata'))).toBe('2026-01-15T03:30:00.000Z');
    // Sydney leaves daylight time on 2026-04-05: +11:00 before, +10:00 after.
    expect(iso(zonedToUtc('2026-04-04', '09:00', 'Australia/Sydney'))).toBe('2026-04-03T22:00:00.000Z');
    expect(iso(zonedToUtc('2026-04-06', '09:00', 'Australia/Sydney'))).toBe('2026-04-05T23:00:00.000Z');
  });

  it('treats 24:00 as the following midnight', () => {
    expect(iso(zonedToUtc('2026-03-07', '24:00', 'America/New_York'))).toBe('2026-03-08T05:00:00.000Z');
  });

  it('gives the local date and weekday, which can differ from the UTC date', () => {
    expect(localDateAt(at('2026-03-09T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-08');
    expect(localDateAt(at('2026-03-09T20:00:00Z'), 'Australia/Sydney')).toBe('2026-03-10');
    expect(weekdayOf('2026-03-08')).toBe('sunday');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(formatOffset(-570)).toBe('-09:30');
    expect(formatOffset(0)).toBe('+00:00');
  });
});

describe('centres a test may use', () => {
  const test = { delivery_modes: ['SITE_PROCTORED'], delivery_countries: ['US'], delivery_location_codes: [], state: 'published' };

  it('restricts to the test countries and centres when it is delivered at centres', () => {
    expect(centreRestrictionFor(test)).toEqual({ deliverable: true, countries: ['US'], locationCodes: [] });
    expect(centreRestrictionFor({ ...test, delivery_location_codes: ['US-NYC-01'] })).toMatchObject({ locationCodes: ['US-NYC-01'] });
  });

  it('allows no centre for an online-only or retired test', () => {
    expect(centreRestrictionFor({ ...test, delivery_modes: ['ATLAS_REMOTE_PROCTORED'] })).toEqual({ deliverable: false });
    expect(centreRestrictionFor({ ...test, state: 'retired' })).toEqual({ deliverable: false });
  });
});
