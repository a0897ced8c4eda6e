/** Turns a partner's slot_id back into a bookable appointment, re-checking everything the id claims. */
import type { DeliveryMode } from '../../db/tables/test-publication.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { WeeklyHours } from '../test-centers/opening-hours.policy.ts';
import { findCenterByCode, type TestCenterRow } from '../test-centers/test-centers.repository.ts';
import type { TestWithVersion } from '../test-publication/test-publication.repository.ts';
import { BookingErrors } from './booking.errors.ts';
import { ONLINE_POOL } from './booking.policy.ts';
import { closuresOfCenters } from './booking-queries.repository.ts';
import { decodeSlotId, isCentreSlot } from './slots.policy.ts';
import { requireBookableTest } from './slots.service.ts';

export interface ResolvedSlot {
  slotId: string;
  test: TestWithVersion;
  deliveryMode: DeliveryMode;
  center: TestCenterRow | null;
  pool: string;
  capacity: number;
  startsAt: string;
  endsAt: string;
}

export async function resolveSlot(
  ctx: ServiceContext,
  scope: Pick<PartnerScope, 'accountId' | 'environment'>,
  slotId: string,
  settings: { onlineSeatsPerHalfHour: number },
): Promise<ResolvedSlot> {
  const ref = decodeSlotId(slotId);
  if (!ref) {
    throw new AppError(BookingErrors.BOOKING_SLOT_INVALID, 'slot_id is not one this API returned', {
      errors: [{ pointer: '/body/slot_id', message: 'unknown slot id' }],
    });
  }
  const test = await requireBookableTest(ctx, scope, ref.testCode);
  const durationMs = Number(test.duration_minutes) * 60_000;
  const unavailable = (why: string) => new AppError(BookingErrors.BOOKING_SLOT_UNAVAILABLE, `slot at ${new Date(ref.startMs).toISOString()} ${why}`);
  if (ref.startMs <= ctx.clock.now().getTime()) throw unavailable('has already started');
  if (!(JSON.parse(test.delivery_modes) as string[]).includes(ref.deliveryMode))
    throw unavailable(`is not offered: ${test.test_code} is not delivered ${ref.deliveryMode}`);
  const startsAt = new Date(ref.startMs).toISOString();
  const endsAt = new Date(ref.startMs + durationMs).toISOString();
  if (ref.deliveryMode === 'ATLAS_REMOTE_PROCTORED') {
    return { slotId, test, deliveryMode: ref.deliveryMode, center: null, pool: ONLINE_POOL, capacity: settings.onlineSeatsPerHalfHour, startsAt, endsAt };
  }
  const center = await findCenterByCode(ctx.db, ref.locationCode ?? '');
  if (center?.status !== 'active') throw unavailable(`is not offered: centre ${ref.locationCode} is not open for booking`);
  const countries = JSON.parse(test.delivery_countries) as string[];
  const codes = JSON.parse(test.delivery_location_codes) as string[];
  if ((countries.length > 0 && !countries.includes(center.country)) || (codes.length > 0 && !codes.includes(center.location_code))) {
    throw unavailable(`is not offered: ${test.test_code} is not delivered at ${center.location_code}`);
  }
  const closures = (await closuresOfCenters(ctx.db, [center.id], startsAt, endsAt)).get(center.id) ?? [];
  const ranges = closures.map((c) => ({ startMs: Date.parse(c.starts_at), endMs: Date.parse(c.ends_at) }));
  if (!isCentreSlot(JSON.parse(center.opening_hours) as WeeklyHours, center.timezone, ranges, durationMs, ref.startMs)) {
    throw unavailable(`is not offered at ${center.location_code}: outside opening hours or inside a closure`);
  }
  return { slotId, test, deliveryMode: ref.deliveryMode, center, pool: center.id, capacity: Number(center.seats), startsAt, endsAt };
}
