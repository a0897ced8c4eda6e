import { AppError } from '../../platform/errors.ts';
import type { WeeklyHours } from './opening-hours.policy.ts';
import { validateWeeklyHours } from './opening-hours.policy.ts';
import { TestCenterErrors } from './test-centers.errors.ts';
import { isValidTimeZone } from './test-centers.policy.ts';

/** Pure checks of what coordinators enter for a centre; each throws TEST_CENTERS_INVALID_INPUT naming the field. */

export const MAX_SEATS = 10_000;
const LOCATION_CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

function invalid(detail: string): AppError {
  return new AppError(TestCenterErrors.TEST_CENTERS_INVALID_INPUT, detail);
}

export function normalizeLocationCode(input: string): string {
  const code = input.trim().toUpperCase();
  if (code.length < 3 || code.length > 32 || !LOCATION_CODE.test(code)) {
    throw invalid(`location code "${input}" must be 3–32 letters, digits and single hyphens (e.g. US-NYC-01)`);
  }
  return code;
}

export function requiredText(value: string | undefined, field: string, max = 200): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw invalid(`${field} is required`);
  if (text.length > max) throw invalid(`${field} is longer than ${max} characters`);
  return text;
}

export function optionalText(value: string | null | undefined, field: string, max = 200): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  return requiredText(value, field, max);
}

export function validateCountry(value: string | undefined): string {
  const country = value?.trim().toUpperCase() ?? '';
  if (!/^[A-Z]{2}$/.test(country)) throw invalid(`country "${value ?? ''}" must be an ISO 3166-1 alpha-2 code such as US, CA, GB`);
  return country;
}

export function validateCoordinate(value: number | undefined, field: 'latitude' | 'longitude'): number {
  const limit = field === 'latitude' ? 90 : 180;
  if (value === undefined || !Number.isFinite(value) || Math.abs(value) > limit) throw invalid(`${field} must be a number from -${limit} to ${limit}`);
  return value;
}

export function validateTimeZone(value: string | undefined): string {
  const zone = value?.trim() ?? '';
  if (!isValidTimeZone(zone)) throw invalid(`time zone "${value ?? ''}" is not an IANA zone such as America/New_York`);
  return zone;
}

export function validateSeats(value: number | undefined): number {
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > MAX_SEATS) throw invalid(`seats must be a whole number from 0 to ${MAX_SEATS}`);
  return value;
}

export function validateHours(value: unknown): WeeklyHours {
  return validateWeeklyHours(value);
}

/** A closure range: two ISO-8601 instants with an offset (or Z), ending after it starts and not already over. */
export function validateClosureRange(from: string, to: string, nowMs: number): { startsAt: string; endsAt: string } {
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  if (!withZone.test(from)) throw invalid(`--from "${from}" must be an ISO-8601 date-time with Z or an offset (2026-05-04T08:00:00-04:00)`);
  if (!withZone.test(to)) throw invalid(`--to "${to}" must be an ISO-8601 date-time with Z or an offset (2026-05-04T18:00:00-04:00)`);
  const startMs = Date.parse(from);
  const endMs = Date.parse(to);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) throw invalid('the closure range is not a real date-time');
  if (endMs <= startMs) throw invalid('the closure must end after it starts');
  if (endMs <= nowMs) throw invalid('the closure is already over');
  return { startsAt: new Date(startMs).toISOString(), endsAt: new Date(endMs).toISOString() };
}
