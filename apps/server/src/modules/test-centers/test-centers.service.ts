import type { Principal } from '../../gateway/principal.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, pageOf } from '../../platform/paging.ts';
import { findTest } from '../test-publication/test-publication.repository.ts';
import { TestCenterErrors } from './test-centers.errors.ts';
import { boundingBox, type Coordinates, centreRestrictionFor, greatCircleKm, parseNear } from './test-centers.policy.ts';
import {
  type CenterFilter,
  type ClosureWindow,
  closuresOverlapping,
  findCenterByCode,
  listAllCenters,
  listCentersByCode,
  listClosures,
  type TestCenterRow,
} from './test-centers.repository.ts';
import { centerDetail, centerSummary, closureView, SCHEDULE_DAYS } from './test-centers.views.ts';

export interface SearchCentersInput {
  test_code?: string;
  country?: string;
  region?: string;
  near?: string;
  radius_km?: number;
  status?: 'active' | 'closed' | 'all';
  page_size?: number;
  cursor?: string;
}

function badQuery(field: string, message: string): AppError {
  return new AppError(PlatformErrors.VALIDATION_FAILED, `/query/${field} ${message}`, { errors: [{ pointer: `/query/${field}`, message }] });
}

/** Centres matching the filters: by distance from `near` (nearest first, with distance_km), else by location code. */
export async function searchCenters(ctx: ServiceContext, principal: Principal, input: SearchCentersInput) {
  const pageSize = input.page_size ?? 50;
  const near = input.near === undefined ? undefined : parseNear(input.near);
  if (input.near !== undefined && !near) throw badQuery('near', 'must be "latitude,longitude" in decimal degrees (-90…90, -180…180)');
  if (input.radius_km !== undefined && !near) throw badQuery('radius_km', 'needs near (the point to measure from)');

  const filter: CenterFilter = {
    status: input.status === 'all' ? undefined : (input.status ?? 'active'),
    country: input.country,
    region: input.region,
  };
  if (input.test_code !== undefined) {
    const test = await findTest(ctx.db, { accountId: principal.accountId, environment: principal.environment }, input.test_code);
    if (!test) throw new AppError(TestCenterErrors.TEST_CENTERS_TEST_NOT_FOUND, `you have no test "${input.test_code}" in ${principal.environment}`);
    const restriction = centreRestrictionFor({
      state: test.state,
      delivery_modes: JSON.parse(test.delivery_modes),
      delivery_countries: JSON.parse(test.delivery_countries),
      delivery_location_codes: JSON.parse(test.delivery_location_codes),
    });
    if (!restriction.deliverable) return { data: [], next_cursor: null };
    filter.countries = restriction.countries;
    filter.locationCodes = restriction.locationCodes;
  }

  if (!near) {
    const after = decodeCursor(input.cursor, 1)?.[0];
    const rows = await listCentersByCode(ctx.db, filter, { after: after === undefined ? undefined : String(after), limit: pageSize + 1 });
    return pageOf(
      rows,
      pageSize,
      (row) => [row.location_code],
      (row) => centerSummary(row),
    );
  }
  return searchByDistance(ctx, filter, near, input.radius_km, pageSize, input.cursor);
}

/**
 * Distance ordering happens here, not in SQL: SQLite has no trigonometry by default. The bounding box keeps the rows
 * read small when a radius is given; the cursor is the last (distance, location code) pair seen.
 */
async function searchByDistance(ctx: ServiceContext, filter: CenterFilter, near: Coordinates, radiusKm: number | undefined, pageSize: number, cursor?: string) {
  const position = decodeCursor(cursor, 2);
  const rows = await listAllCenters(ctx.db, { ...filter, box: radiusKm === undefined ? undefined : boundingBox(near, radiusKm) });
  const ranked = rows
    .map((row) => ({ row, distance: greatCircleKm(near, { latitude: Number(row.latitude), longitude: Number(row.longitude) }) }))
    .filter((item) => radiusKm === undefined || item.distance <= radiusKm)
    .sort((a, b) => a.distance - b.distance || compareCodes(a.row, b.row));
  const [lastDistance, lastCode] = position ?? [];
  const remaining = position
    ? ranked.filter((item) => item.distance > Number(lastDistance) || (item.distance === Number(lastDistance) && item.row.location_code > String(lastCode)))
    : ranked;
  const page = remaining.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    data: page.map((item) => centerSummary(item.row, item.distance)),
    next_cursor: remaining.length > pageSize && last ? encodeCursor([last.distance, last.row.location_code]) : null,
  };
}

function compareCodes(a: TestCenterRow, b: TestCenterRow): number {
  return a.location_code < b.location_code ? -1 : a.location_code > b.location_code ? 1 : 0;
}

export async function requireCenter(ctx: ServiceContext, locationCode: string): Promise<TestCenterRow> {
  const row = await findCenterByCode(ctx.db, locationCode.trim().toUpperCase());
  if (!row) throw new AppError(TestCenterErrors.TEST_CENTERS_NOT_FOUND, `no test centre has the location code "${locationCode}"`);
  return row;
}

/** A centre with its local time, weekly hours, the next days of opening times (UTC and local) and upcoming closures. */
export async function getCenter(ctx: ServiceContext, locationCode: string) {
  const row = await requireCenter(ctx, locationCode);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  // One extra day each side covers the local days of the schedule whatever the zone's offset.
  const scheduleEnd = new Date(now.getTime() + (SCHEDULE_DAYS + 1) * 86_400_000).toISOString();
  const [upcoming, inSchedule] = await Promise.all([
    listClosures(ctx.db, row.id, { window: 'upcoming', now: nowIso, limit: 50 }),
    closuresOverlapping(ctx.db, row.id, new Date(now.getTime() - 86_400_000).toISOString(), scheduleEnd),
  ]);
  return centerDetail(row, now.getTime(), { upcoming, inSchedule });
}

/** A centre's closures by start time: upcoming (not yet ended, the default), past or all. */
export async function listCenterClosures(ctx: ServiceContext, locationCode: string, input: { when?: ClosureWindow; page_size?: number; cursor?: string }) {
  const row = await requireCenter(ctx, locationCode);
  const pageSize = input.page_size ?? 50;
  const position = decodeCursor(input.cursor, 2);
  const rows = await listClosures(ctx.db, row.id, {
    window: input.when ?? 'upcoming',
    now: ctx.clock.now().toISOString(),
    after: position ? [String(position[0]), String(position[1])] : undefined,
    limit: pageSize + 1,
  });
  return {
    location_code: row.location_code,
    timezone: row.timezone,
    ...pageOf(
      rows,
      pageSize,
      (c) => [c.starts_at, c.id],
      (c) => closureView(c, row.timezone),
    ),
  };
}
