/**
 * Pure rules of the test-centers module: great-circle distance, and local ↔ UTC time in a centre's IANA zone across
 * daylight-saving changes (with Intl only: the zone database ships with Node). No I/O, no clock: callers pass instants.
 */

// ---------------------------------------------------------------------------------------------- distance

/** Mean Earth radius (IUGG), km: the usual constant for great-circle distance. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Great-circle distance by the haversine formula (numerically stable for short and long distances). */
export function greatCircleKm(a: Coordinates, b: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A latitude/longitude box that contains every point within `radiusKm` of `center`, to narrow the SQL query before
 * the exact distance is computed. Longitude bounds are undefined when the circle reaches a pole or crosses ±180°.
 */
export function boundingBox(center: Coordinates, radiusKm: number): { minLat: number; maxLat: number; minLon?: number; maxLon?: number } {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const minLat = center.latitude - dLat;
  const maxLat = center.latitude + dLat;
  if (minLat <= -90 || maxLat >= 90) return { minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat) };
  const dLon = Math.asin(Math.min(1, Math.sin(radiusKm / EARTH_RADIUS_KM) / Math.cos(center.latitude * (Math.PI / 180)))) * (180 / Math.PI);
  const minLon = center.longitude - dLon;
  const maxLon = center.longitude + dLon;
  if (minLon < -180 || maxLon > 180) return { minLat, maxLat };
  return { minLat, maxLat, minLon, maxLon };
}

/** `near=lat,lon` → coordinates, or undefined when it is not two numbers in range. */
export function parseNear(text: string): Coordinates | undefined {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return undefined;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

// ---------------------------------------------------------------------------------------------- time zones

export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // h23: midnight is 00, never 24 (some ICU versions answer 24 with hour12:false).
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `zone` at an instant. */
export function localPartsAt(instantMs: number, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Minutes east of UTC in `zone` at an instant (`America/New_York` in January: -300). */
export function utcOffsetMinutes(instantMs: number, zone: string): number {
  const p = localPartsAt(instantMs, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** `-05:00`, `+05:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as local ISO 8601 with its offset: `2026-03-09T08:00:00-04:00`. */
export function formatLocalIso(instantMs: number, zone: string): string {
  const p = localPartsAt(instantMs, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${formatOffset(utcOffsetMinutes(instantMs, zone))}`;
}

/** The local calendar date (`YYYY-MM-DD`) in `zone` at an instant. */
export function localDateAt(instantMs: number, zone: string): string {
  const p = localPartsAt(instantMs, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The instant at which the clocks in `zone` read `date time` (`2026-03-08`, `08:00`; `24:00` is the next midnight).
 * Like Temporal's "compatible" disambiguation: a time skipped by a spring-forward change is moved forward by the gap
 * (02:30 on 2026-03-08 in New York → 03:30 EDT), and a time repeated by a fall-back change takes its first occurrence.
 */
export function zonedToUtc(date: string, time: string, zone: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  // DST changes are months apart, so the offsets a day before and a day after are the only candidates.
  const before = utcOffsetMinutes(wallMs - 86_400_000, zone);
  const after = utcOffsetMinutes(wallMs + 86_400_000, zone);
  const valid = [...new Set([before, after])].map((offset) => wallMs - offset * 60_000).filter((utc) => utcOffsetMinutes(utc, zone) * 60_000 === wallMs - utc);
  if (valid.length > 0) return Math.min(...valid);
  return wallMs - before * 60_000;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of a calendar date (`YYYY-MM-DD`), whatever the zone. */
export function weekdayOf(date: string): Weekday {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] as Weekday;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------- delivery

/**
 * Capacity of online delivery (`ATLAS_REMOTE_PROCTORED`), around the clock: proctors available per half-hour start.
 * A constant until proctor rosters exist; the booking service (issue 4) counts online seats against it.
 */
export const REMOTE_PROCTORS_PER_HALF_HOUR = 40;

export interface TestDeliveryRules {
  delivery_modes: string[];
  delivery_countries: string[];
  delivery_location_codes: string[];
  state: string;
}

/**
 * Where a test may be delivered at a centre: nowhere when it is not offered SITE_PROCTORED (or is retired); else the
 * centres in its countries (none listed = anywhere) and, when it names centres, only those.
 */
export function centreRestrictionFor(test: TestDeliveryRules): { deliverable: false } | { deliverable: true; countries: string[]; locationCodes: string[] } {
  if (test.state === 'retired' || !test.delivery_modes.includes('SITE_PROCTORED')) return { deliverable: false };
  return { deliverable: true, countries: test.delivery_countries, locationCodes: test.delivery_location_codes };
}
