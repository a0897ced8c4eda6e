import { isUniqueViolation } from '../../db/executor.ts';
import type { TestCenterStatus } from '../../db/tables/test-centers.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { settleQuietly } from '../booking/booking-changes.service.ts';
import { cancelBeyondSeats, cancelForClosure, followSeatCount, notifyCenterChange, publicAffected } from '../booking/provider-cancellation.ts';
import { recordAudit } from '../identity/audit.ts';
import {
  normalizeLocationCode,
  optionalText,
  requiredText,
  validateClosureRange,
  validateCoordinate,
  validateCountry,
  validateHours,
  validateSeats,
  validateTimeZone,
} from './center-input.policy.ts';
import { TestCenterErrors } from './test-centers.errors.ts';
import {
  cancelClosureRow,
  findClosure,
  insertCapacityChange,
  insertCenter,
  insertClosure,
  listAllCenters,
  listCapacityChanges,
  listClosures,
  type TestCenterRow,
  updateCenterAtVersion,
} from './test-centers.repository.ts';
import { requireCenter } from './test-centers.service.ts';
import { centerSummary, closureView, hoursOf } from './test-centers.views.ts';

/**
 * Coordinator actions on the centre network (admin CLI). Centres are global, so audit events carry no account.
 * Every change and its audit event commit in one transaction.
 */

export interface CenterInput {
  location_code: string;
  name: string;
  address_line1: string;
  address_line2?: string | null;
  city: string;
  region: string;
  postal_code?: string | null;
  country: string;
  latitude: number;
  longitude: number;
  timezone: string;
  seats: number;
  opening_hours: unknown;
}

export type CenterChanges = Partial<Omit<CenterInput, 'location_code'>> & { status?: TestCenterStatus; reason?: string };

/** What a closure or seat reduction hits (the bookings cancelled by the provider). */
export type { AffectedBooking } from '../booking/provider-cancellation.ts';

export function adminView(row: TestCenterRow) {
  return { ...centerSummary(row), weekly_hours: hoursOf(row), version: Number(row.version), created_at: row.created_at, updated_at: row.updated_at };
}

export async function createCenter(ctx: ServiceContext, input: CenterInput, actor: Actor) {
  const now = ctx.clock.now().toISOString();
  const row: TestCenterRow = {
    id: ctx.ids.id('testCenter'),
    location_code: normalizeLocationCode(input.location_code),
    name: requiredText(input.name, 'name'),
    address_line1: requiredText(input.address_line1, 'address line 1'),
    address_line2: optionalText(input.address_line2, 'address line 2'),
    city: requiredText(input.city, 'city', 100),
    region: requiredText(input.region, 'region', 100),
    postal_code: optionalText(input.postal_code, 'postal code', 20),
    country: validateCountry(input.country),
    latitude: validateCoordinate(input.latitude, 'latitude'),
    longitude: validateCoordinate(input.longitude, 'longitude'),
    timezone: validateTimeZone(input.timezone),
    seats: validateSeats(input.seats),
    status: 'active',
    opening_hours: JSON.stringify(validateHours(input.opening_hours)),
    version: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertCenter(trx, row);
      const { id: _id, opening_hours, ...details } = row;
      await recordAudit(trx, ctx, {
        actor,
        accountId: null,
        action: 'test_center.created',
        targetType: 'test_center',
        targetId: row.id,
        details: { ...details, opening_hours: JSON.parse(opening_hours) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(TestCenterErrors.TEST_CENTERS_LOCATION_CODE_TAKEN, `a centre already has the code ${row.location_code}`);
    throw error;
  }
  return adminView(row);
}

/** Changes what is given; a seat change is recorded in the capacity history with what it affects. */
export async function updateCenter(ctx: ServiceContext, locationCode: string, changes: CenterChanges, actor: Actor) {
  const set: Partial<TestCenterRow> = {};
  if (changes.name !== undefined) set.name = requiredText(changes.name, 'name');
  if (changes.address_line1 !== undefined) set.address_line1 = requiredText(changes.address_line1, 'address line 1');
  if (changes.address_line2 !== undefined) set.address_line2 = optionalText(changes.address_line2, 'address line 2');
  if (changes.city !== undefined) set.city = requiredText(changes.city, 'city', 100);
  if (changes.region !== undefined) set.region = requiredText(changes.region, 'region', 100);
  if (changes.postal_code !== undefined) set.postal_code = optionalText(changes.postal_code, 'postal code', 20);
  if (changes.country !== undefined) set.country = validateCountry(changes.country);
  if (changes.latitude !== undefined) set.latitude = validateCoordinate(changes.latitude, 'latitude');
  if (changes.longitude !== undefined) set.longitude = validateCoordinate(changes.longitude, 'longitude');
  if (changes.timezone !== undefined) set.timezone = validateTimeZone(changes.timezone);
  if (changes.seats !== undefined) set.seats = validateSeats(changes.seats);
  if (changes.status !== undefined) set.status = changes.status;
  if (changes.opening_hours !== undefined) set.opening_hours = JSON.stringify(validateHours(changes.opening_hours));
  if (Object.keys(set).length === 0) throw new AppError(TestCenterErrors.TEST_CENTERS_INVALID_INPUT, 'nothing to change: give at least one field');
  const now = ctx.clock.now().toISOString();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await requireCenter({ ...ctx, db: trx }, locationCode);
    const after = await updateCenterAtVersion(trx, before.id, Number(before.version), { ...set, updated_at: now });
    if (!after) throw new AppError(TestCenterErrors.TEST_CENTERS_CONCURRENT_CHANGE, `${before.location_code} changed while this change was applied`);
    const seatsChanged = set.seats !== undefined && set.seats !== Number(before.seats);
    if (seatsChanged) {
      await insertCapacityChange(trx, {
        test_center_id: before.id,
        version: Number(after.version),
        previous_seats: Number(before.seats),
        seats: Number(after.seats),
        reason: changes.reason?.trim() || null,
        changed_by: actor,
        changed_at: now,
      });
    }
    const details = { ...set, ...(set.opening_hours ? { opening_hours: JSON.parse(set.opening_hours) } : {}), previous_seats: Number(before.seats) };
    await recordAudit(trx, ctx, { actor, accountId: null, action: 'test_center.updated', targetType: 'test_center', targetId: before.id, details });
    // A closure or a seat cut cancels the confirmed bookings it hits as provider cancellations (refund, voucher
    // restored, notifications), in this same transaction.
    const closing = after.status === 'closed' && before.status !== 'closed';
    const reason = changes.reason?.trim() || (closing ? 'test centre closed' : 'test centre capacity reduced');
    let affected: Awaited<ReturnType<typeof cancelForClosure>> = [];
    if (closing) affected = await cancelForClosure(trx, ctx, before.id, now, '9999-12-31T23:59:59.999Z', reason);
    else if (seatsChanged && Number(after.seats) < Number(before.seats)) affected = await cancelBeyondSeats(trx, ctx, before.id, Number(after.seats), reason);
    else if (seatsChanged) await followSeatCount(trx, ctx, before.id, Number(after.seats));
    const reopening = after.status === 'active' && before.status === 'closed';
    const type = closing ? 'test_center.closed' : reopening ? 'test_center.reopened' : seatsChanged ? 'test_center.capacity_changed' : 'test_center.updated';
    const payload = {
      location_code: after.location_code,
      name: after.name,
      status: after.status,
      seats: Number(after.seats),
      previous_seats: Number(before.seats),
      reason,
    };
    await notifyCenterChange(trx, ctx, { type, entityType: 'test_center', entityId: after.location_code, version: Number(after.version), payload, affected });
    return { ...adminView(after), ...(seatsChanged ? { previous_seats: Number(before.seats) } : {}), affected_bookings: publicAffected(affected) };
  });
  if (result.affected_bookings.length > 0) await settleQuietly(ctx);
  return result;
}

/** Records a closure of a centre for [from, to) and answers what it affects. */
export async function closeCenter(ctx: ServiceContext, locationCode: string, input: { from: string; to: string; reason: string }, actor: Actor) {
  const nowMs = ctx.clock.now().getTime();
  const range = validateClosureRange(input.from, input.to, nowMs);
  const reason = requiredText(input.reason, 'reason', 500);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const center = await requireCenter({ ...ctx, db: trx }, locationCode);
    const closure = {
      id: ctx.ids.id('closure'),
      test_center_id: center.id,
      starts_at: range.startsAt,
      ends_at: range.endsAt,
      reason,
      status: 'scheduled' as const,
      created_by: actor,
      created_at: new Date(nowMs).toISOString(),
      cancelled_by: null,
      cancelled_at: null,
    };
    await insertClosure(trx, closure);
    await recordAudit(trx, ctx, {
      actor,
      accountId: null,
      action: 'test_center.closure_scheduled',
      targetType: 'test_center',
      targetId: center.id,
      details: { location_code: center.location_code, closure_id: closure.id, starts_at: range.startsAt, ends_at: range.endsAt, reason },
    });
    // The confirmed bookings the closure hits are cancelled by the provider in this transaction (refund, voucher
    // restored, Booking + Test Center Notifications queued).
    const affected = await cancelForClosure(trx, ctx, center.id, range.startsAt, range.endsAt, reason);
    await notifyCenterChange(trx, ctx, {
      type: 'test_center.closed',
      entityType: 'test_center_closure',
      entityId: closure.id,
      version: 1,
      payload: { location_code: center.location_code, name: center.name, closure_id: closure.id, starts_at: range.startsAt, ends_at: range.endsAt, reason },
      affected,
    });
    return {
      location_code: center.location_code,
      closure: { ...closureView(closure, center.timezone), status: closure.status },
      affected_bookings: publicAffected(affected),
    };
  });
  if (result.affected_bookings.length > 0) await settleQuietly(ctx);
  return result;
}

/** Cancels a scheduled closure that has not ended (the centre reopens for that range). */
export async function cancelClosure(ctx: ServiceContext, locationCode: string, closureId: string, actor: Actor) {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const center = await requireCenter({ ...ctx, db: trx }, locationCode);
    const closure = await findClosure(trx, center.id, closureId.trim());
    if (!closure) throw new AppError(TestCenterErrors.TEST_CENTERS_CLOSURE_NOT_FOUND, `${center.location_code} has no closure ${closureId}`);
    const cancelled = await cancelClosureRow(trx, closure.id, now, actor);
    if (!cancelled)
      throw new AppError(
        TestCenterErrors.TEST_CENTERS_CLOSURE_NOT_CANCELLABLE,
        `closure ${closure.id} is ${closure.status === 'cancelled' ? 'already cancelled' : 'over'}`,
      );
    await recordAudit(trx, ctx, {
      actor,
      accountId: null,
      action: 'test_center.closure_cancelled',
      targetType: 'test_center',
      targetId: center.id,
      details: { location_code: center.location_code, closure_id: closure.id, starts_at: closure.starts_at, ends_at: closure.ends_at },
    });
    return { location_code: center.location_code, closure: { ...closureView(cancelled, center.timezone), status: cancelled.status, cancelled_at: now } };
  });
}

export async function listCentersForCoordinator(ctx: ServiceContext, filter: { country?: string; status?: TestCenterStatus }) {
  const rows = await listAllCenters(ctx.db, { country: filter.country ? validateCountry(filter.country) : undefined, status: filter.status });
  return rows.map((row) => centerSummary(row));
}

/** Everything about a centre for coordinators: all closures (cancelled too) and the seat history. */
export async function showCenterForCoordinator(ctx: ServiceContext, locationCode: string) {
  const row = await requireCenter(ctx, locationCode);
  const [closures, capacity] = await Promise.all([
    listClosures(ctx.db, row.id, { window: 'all', now: ctx.clock.now().toISOString(), includeCancelled: true }),
    listCapacityChanges(ctx.db, row.id),
  ]);
  return {
    ...adminView(row),
    closures: closures.map((c) => ({ ...closureView(c, row.timezone), status: c.status, created_by: c.created_by, cancelled_at: c.cancelled_at })),
    capacity_changes: capacity.map((c) => ({
      version: Number(c.version),
      previous_seats: Number(c.previous_seats),
      seats: Number(c.seats),
      reason: c.reason,
      changed_by: c.changed_by,
      changed_at: c.changed_at,
    })),
  };
}
