/**
 * Slot search: availability computed in memory from centre hours, the test's duration and closures, with the taken
 * seats of the whole range read in ONE query (P5: 200 centres × 60 days). Pages by (start, location) so a search
 * stops reading as soon as a page is full.
 */
import type { DeliveryMode } from '../../db/tables/test-publication.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import type { TimeRange, WeeklyHours } from '../test-centers/opening-hours.policy.ts';
import { boundingBox, type Coordinates, centreRestrictionFor, formatLocalIso, greatCircleKm, parseNear } from '../test-centers/test-centers.policy.ts';
import { listAllCenters, type TestCenterRow } from '../test-centers/test-centers.repository.ts';
import { findTest, type TestWithVersion } from '../test-publication/test-publication.repository.ts';
import { BookingErrors } from './booking.errors.ts';
import { CELL_MS, cellsCovering, ONLINE_POOL, seatsLeft } from './booking.policy.ts';
import { closuresOfCenters } from './booking-queries.repository.ts';
import { cellsInRange } from './seat.repository.ts';
import { centreSlotStarts, encodeSlotId, onlineSlotStarts } from './slots.policy.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_DAYS = 14;
export const MAX_RANGE_DAYS = 62;

export interface SlotQuery {
  test_code: string;
  delivery_mode?: DeliveryMode;
  location_code?: string;
  near?: string;
  radius_km?: number;
  from?: string;
  to?: string;
  page_size?: number;
  cursor?: string;
}

export interface SlotView {
  slot_id: string;
  test_code: string;
  delivery_mode: DeliveryMode;
  starts_at: string;
  ends_at: string;
  starts_at_local: string;
  location_timezone: string | null;
  location_code: string | null;
  location_name: string | null;
  distance_km: number | null;
  seats_available: number;
}

interface Place {
  pool: string;
  center: TestCenterRow | null;
  hours: WeeklyHours | null;
  closures: TimeRange[];
  capacity: number;
  distanceKm: number | null;
}

function badQuery(field: string, message: string): AppError {
  return new AppError(BookingErrors.BOOKING_INVALID_QUERY, `${field} ${message}`, { errors: [{ pointer: `/query/${field}`, message }] });
}

function instant(field: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text) || Number.isNaN(ms)) throw badQuery(field, 'must be an ISO 8601 date or date-time (e.g. 2026-03-09T00:00:00Z)');
  return ms;
}

/** The published test a search or hold is for, with its current version. */
export async function requireBookableTest(
  ctx: ServiceContext,
  scope: Pick<PartnerScope, 'accountId' | 'environment'>,
  testCode: string,
): Promise<TestWithVersion> {
  const test = await findTest(ctx.db, scope, testCode);
  if (!test) throw new AppError(BookingErrors.BOOKING_TEST_NOT_FOUND, `you have no test "${testCode}" in ${scope.environment}`);
  if (test.state !== 'published') throw new AppError(BookingErrors.BOOKING_TEST_NOT_FOUND, `test ${testCode} is ${test.state}, not published`);
  return test;
}

async function placesFor(
  ctx: ServiceContext,
  test: TestWithVersion,
  query: SlotQuery,
  modes: DeliveryMode[],
  onlineCapacity: number,
  range: { from: string; to: string },
) {
  const places: Place[] = [];
  const near = query.near === undefined ? undefined : parseNear(query.near);
  if (query.near !== undefined && !near) throw badQuery('near', 'must be "latitude,longitude" in decimal degrees');
  if (query.radius_km !== undefined && !near) throw badQuery('radius_km', 'needs near (the point to measure from)');
  if (modes.includes('ATLAS_REMOTE_PROCTORED') && query.location_code === undefined && near === undefined) {
    places.push({ pool: ONLINE_POOL, center: null, hours: null, closures: [], capacity: onlineCapacity, distanceKm: null });
  }
  if (!modes.includes('SITE_PROCTORED')) return places;
  const restriction = centreRestrictionFor({
    state: test.state,
    delivery_modes: JSON.parse(test.delivery_modes),
    delivery_countries: JSON.parse(test.delivery_countries),
    delivery_location_codes: JSON.parse(test.delivery_location_codes),
  });
  if (!restriction.deliverable) return places;
  const codes = query.location_code ? [query.location_code.toUpperCase()] : [];
  if (codes.length > 0 && restriction.locationCodes.length > 0 && !restriction.locationCodes.includes(codes[0] as string)) return places;
  const rows = await listAllCenters(ctx.db, {
    status: 'active',
    countries: restriction.countries,
    locationCodes: codes.length > 0 ? codes : restriction.locationCodes,
    box: near && query.radius_km !== undefined ? boundingBox(near, query.radius_km) : undefined,
  });
  const centres = rows
    .map((row) => ({ row, distance: near ? greatCircleKm(near as Coordinates, { latitude: Number(row.latitude), longitude: Number(row.longitude) }) : null }))
    .filter((c) => query.radius_km === undefined || (c.distance !== null && c.distance <= query.radius_km));
  const closures = await closuresOfCenters(
    ctx.db,
    centres.map((c) => c.row.id),
    range.from,
    range.to,
  );
  for (const { row, distance } of centres) {
    places.push({
      pool: row.id,
      center: row,
      hours: JSON.parse(row.opening_hours) as WeeklyHours,
      closures: (closures.get(row.id) ?? []).map((c) => ({ startMs: Date.parse(c.starts_at), endMs: Date.parse(c.ends_at) })),
      capacity: Number(row.seats),
      distanceKm: distance === null ? null : Math.round(distance * 10) / 10,
    });
  }
  return places;
}

export async function searchSlots(ctx: ServiceContext, scope: PartnerScope, query: SlotQuery, settings: { onlineSeatsPerHalfHour: number }) {
  const nowMs = ctx.clock.now().getTime();
  const test = await requireBookableTest(ctx, scope, query.test_code);
  const fromMs = Math.max(instant('from', query.from, nowMs), nowMs);
  const toMs = instant('to', query.to, fromMs + DEFAULT_RANGE_DAYS * DAY_MS);
  if (toMs <= fromMs) throw badQuery('to', 'must be after from (and after now)');
  if (toMs - fromMs > MAX_RANGE_DAYS * DAY_MS) throw badQuery('to', `must be at most ${MAX_RANGE_DAYS} days after from`);
  const offered = JSON.parse(test.delivery_modes) as DeliveryMode[];
  const modes = query.delivery_mode ? offered.filter((m) => m === query.delivery_mode) : offered;
  const durationMs = Number(test.duration_minutes) * 60_000;
  const pageSize = query.page_size ?? 100;
  const position = decodeCursor(query.cursor, 2);
  const after = position ? { start: Number(position[0]), location: String(position[1]) } : undefined;
  const places = await placesFor(ctx, test, query, modes, settings.onlineSeatsPerHalfHour, {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs + durationMs).toISOString(),
  });
  const found: SlotView[] = [];
  // Scan a day at a time, doubling the chunk while pages stay empty: the first page of a busy search reads one day.
  let chunkStart = Math.max(fromMs, after?.start ?? fromMs);
  for (let chunkDays = 1; chunkStart < toMs && found.length <= pageSize; chunkDays = Math.min(chunkDays * 2, 16)) {
    const chunkEnd = Math.min(toMs, chunkStart + chunkDays * DAY_MS);
    found.push(...(await slotsInChunk(ctx, scope, test, places, durationMs, chunkStart, chunkEnd, after, pageSize + 1 - found.length)));
    chunkStart = chunkEnd;
  }
  const page = found.slice(0, pageSize);
  const last = page[page.length - 1];
  return { data: page, next_cursor: found.length > pageSize && last ? encodeCursor([Date.parse(last.starts_at), last.location_code ?? '']) : null };
}

async function slotsInChunk(
  ctx: ServiceContext,
  scope: PartnerScope,
  test: TestWithVersion,
  places: Place[],
  durationMs: number,
  fromMs: number,
  toMs: number,
  after: { start: number; location: string } | undefined,
  limit: number,
): Promise<SlotView[]> {
  const candidates: { place: Place; start: number; key: string }[] = [];
  for (const place of places) {
    const starts =
      place.center && place.hours
        ? centreSlotStarts(place.hours, place.center.timezone, place.closures, durationMs, fromMs, toMs)
        : onlineSlotStarts(fromMs, toMs);
    const key = place.center?.location_code ?? '';
    for (const start of starts) {
      if (after && (start < after.start || (start === after.start && key <= after.location))) continue;
      candidates.push({ place, start, key });
    }
  }
  if (candidates.length === 0) return [];
  candidates.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const cells = await cellsInRange(
    ctx.db,
    scope.environment,
    places.map((p) => p.pool),
    new Date(Math.floor(fromMs / CELL_MS) * CELL_MS).toISOString(),
    new Date(toMs + durationMs).toISOString(),
  );
  const taken = new Map(cells.map((c) => [`${c.pool}|${Date.parse(c.cell_start)}`, { capacity: Number(c.capacity), taken: Number(c.taken) }]));
  const slots: SlotView[] = [];
  for (const { place, start, key } of candidates) {
    // Candidates are in page order: once the page (plus one, for next_cursor) is full, the rest is never shown, so
    // skip their views (local-time formatting and slot ids are most of a wide search's CPU).
    if (slots.length >= limit) break;
    const seats = seatsLeft(cellsCovering(start, start + durationMs), place.capacity, (cell) => taken.get(`${place.pool}|${cell}`));
    if (seats === 0) continue;
    const zone = place.center?.timezone ?? null;
    slots.push({
      slot_id: encodeSlotId({
        deliveryMode: place.center ? 'SITE_PROCTORED' : 'ATLAS_REMOTE_PROCTORED',
        locationCode: key || null,
        testCode: test.test_code,
        startMs: start,
      }),
      test_code: test.test_code,
      delivery_mode: place.center ? 'SITE_PROCTORED' : 'ATLAS_REMOTE_PROCTORED',
      starts_at: new Date(start).toISOString(),
      ends_at: new Date(start + durationMs).toISOString(),
      starts_at_local: zone ? formatLocalIso(start, zone) : new Date(start).toISOString(),
      location_timezone: zone,
      location_code: key || null,
      location_name: place.center?.name ?? null,
      distance_km: place.distanceKm,
      seats_available: seats,
    });
  }
  return slots;
}
