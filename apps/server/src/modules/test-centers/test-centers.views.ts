import { type OpeningDay, openingSchedule, type TimeRange, type WeeklyHours } from './opening-hours.policy.ts';
import { formatLocalIso, formatOffset, utcOffsetMinutes } from './test-centers.policy.ts';
import type { ClosureRow, TestCenterRow } from './test-centers.repository.ts';

/** Row → wire shapes (snake_case, as the schemas in test-centers.schemas.ts declare them). */

export function hoursOf(row: TestCenterRow): WeeklyHours {
  return JSON.parse(row.opening_hours) as WeeklyHours;
}

export function rangeOf(closure: ClosureRow): TimeRange {
  return { startMs: Date.parse(closure.starts_at), endMs: Date.parse(closure.ends_at) };
}

export function centerSummary(row: TestCenterRow, distanceKm?: number) {
  return {
    location_code: row.location_code,
    name: row.name,
    address: {
      line1: row.address_line1,
      line2: row.address_line2,
      city: row.city,
      region: row.region,
      postal_code: row.postal_code,
      country: row.country,
    },
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    timezone: row.timezone,
    seats: Number(row.seats),
    status: row.status,
    ...(distanceKm === undefined ? {} : { distance_km: Math.round(distanceKm * 10) / 10 }),
  };
}

export function closureView(closure: ClosureRow, zone: string) {
  return {
    closure_id: closure.id,
    starts_at: closure.starts_at,
    ends_at: closure.ends_at,
    starts_at_local: formatLocalIso(Date.parse(closure.starts_at), zone),
    ends_at_local: formatLocalIso(Date.parse(closure.ends_at), zone),
    reason: closure.reason,
  };
}

/** The days of opening times a detail shows. */
export const SCHEDULE_DAYS = 7;

export function centerDetail(row: TestCenterRow, nowMs: number, closures: { upcoming: ClosureRow[]; inSchedule: ClosureRow[] }) {
  const schedule: OpeningDay[] = openingSchedule(hoursOf(row), row.timezone, nowMs, SCHEDULE_DAYS, closures.inSchedule.map(rangeOf));
  return {
    ...centerSummary(row),
    utc_offset: formatOffset(utcOffsetMinutes(nowMs, row.timezone)),
    local_time: formatLocalIso(nowMs, row.timezone),
    weekly_hours: hoursOf(row),
    opening_times: schedule,
    upcoming_closures: closures.upcoming.map((c) => closureView(c, row.timezone)),
    updated_at: row.updated_at,
  };
}
