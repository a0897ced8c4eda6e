/**
 * Pure rules of booking (no I/O, time passed in): the seat-cell grid, the booking state machine, booking codes, and
 * change fees under a booking's captured policy, measured in the centre's time zone.
 */
import type { BookingState } from '../../db/tables/booking.ts';
import { randomString } from '../../platform/ids.ts';
import { formatLocalIso, localDateAt, localPartsAt, zonedToUtc } from '../test-centers/test-centers.policy.ts';
import type { PoliciesDocument } from '../test-publication/test-publication.schemas.ts';

/** Seats are counted per 30-minute cell (UTC grid); a test occupies every cell its duration touches. */
export const CELL_MS = 30 * 60_000;
/** The capacity pool of online delivery (a centre's pool is its internal id). */
export const ONLINE_POOL = 'ONLINE';
/** A booking nobody checked in to is a no-show this long after its start. */
export const NO_SHOW_GRACE_MS = 30 * 60_000;

/** The first cell start at or after `ms`. */
export function ceilToCell(ms: number): number {
  return Math.ceil(ms / CELL_MS) * CELL_MS;
}

/** Starts (UTC ms) of the cells [startMs, endMs) covers. */
export function cellsCovering(startMs: number, endMs: number): number[] {
  const cells: number[] = [];
  for (let cell = Math.floor(startMs / CELL_MS) * CELL_MS; cell < endMs; cell += CELL_MS) cells.push(cell);
  return cells;
}

/** Seats left for a slot: capacity minus the busiest cell it covers (never below 0). */
export function seatsLeft(cells: number[], capacity: number, takenAt: (cellMs: number) => { capacity: number; taken: number } | undefined): number {
  let left = capacity;
  for (const cell of cells) {
    const row = takenAt(cell);
    const free = row ? row.capacity - row.taken : capacity;
    if (free < left) left = free;
  }
  return Math.max(0, left);
}

// ---------------------------------------------------------------------------------------------- states

export type AttendanceEvent = 'CHECKED_IN' | 'EXAM_COMPLETED' | 'ABSENT' | 'EXCUSED_ABSENT';

/** Which states each change starts from (the WHERE of its guarded UPDATE) and where it leads. */
export const BOOKING_TRANSITIONS = {
  cancel: { from: ['confirmed'], to: 'cancelled' },
  reschedule: { from: ['confirmed'], to: 'confirmed' },
  CHECKED_IN: { from: ['confirmed'], to: 'checked_in' },
  // A score can arrive without a check-in record (a result completes the booking).
  EXAM_COMPLETED: { from: ['confirmed', 'checked_in', 'in_progress'], to: 'completed' },
  ABSENT: { from: ['confirmed'], to: 'no_show' },
  EXCUSED_ABSENT: { from: ['no_show'], to: 'excused_absence' },
} as const satisfies Record<string, { from: readonly BookingState[]; to: BookingState }>;

export type BookingChange = keyof typeof BOOKING_TRANSITIONS;

export function canChange(state: BookingState, change: BookingChange): boolean {
  return (BOOKING_TRANSITIONS[change].from as readonly BookingState[]).includes(state);
}

/** Event type and PSI change_reason of each change (booking-payment-contract.md). */
export const EVENT_OF: Record<BookingChange | 'create', { type: string; changeReason: string | null }> = {
  create: { type: 'booking.created', changeReason: 'BOOKING_CREATED' },
  cancel: { type: 'booking.cancelled', changeReason: 'BOOKING_CANCELLED' },
  reschedule: { type: 'booking.rescheduled', changeReason: 'BOOKING_RESCHEDULED' },
  CHECKED_IN: { type: 'booking.checked_in', changeReason: null },
  EXAM_COMPLETED: { type: 'booking.completed', changeReason: 'EXAM_COMPLETED' },
  ABSENT: { type: 'booking.no_show', changeReason: 'ABSENT' },
  EXCUSED_ABSENT: { type: 'booking.excused_absence', changeReason: 'EXCUSED_ABSENT' },
};

/** Upper-case, no 0/O/1/I/L: read aloud over the phone. 31^10 ≈ 8·10^14 codes. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newBookingCode(): string {
  return randomString(CODE_ALPHABET, 10);
}

// ---------------------------------------------------------------------------------------------- change fees

/**
 * The instant at which a tier bound `hours` before the start passes, in the centre's time zone: whole days are
 * counted on the local calendar (7 days before 09:00 is 09:00 local a week earlier, even across a DST change), the
 * rest in hours. So "free until 7 days before" means what a candidate reading a local calendar expects.
 */
export function tierDeadlineMs(startMs: number, hours: number, zone: string): number {
  const days = Math.floor(hours / 24);
  const rest = hours - days * 24;
  const p = localPartsAt(startMs, zone);
  const localDate = localDateAt(startMs, zone);
  const [y = 0, m = 1, d = 1] = localDate.split('-').map(Number);
  const earlier = new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return zonedToUtc(earlier, time, zone) - rest * 3_600_000;
}

export type ChangeQuote =
  | { allowed: true; tierIndex: number; rescheduleFee: number; cancelFee: number; feeChangesAt: string | null; refusedFrom: string }
  | { allowed: false; refusedFrom: string };

/**
 * The tier that applies to a change made at `nowMs` (first tier whose deadline has not passed), when the fee next
 * rises (`feeChangesAt`) and from when changes are refused (`refusedFrom`, the last tier's deadline).
 */
export function changeQuoteAt(policies: PoliciesDocument, startMs: number, zone: string, nowMs: number): ChangeQuote {
  const deadlines = policies.change_tiers.map((tier) => tierDeadlineMs(startMs, tier.min_hours_before, zone));
  // Tiers run from the furthest ahead, so the last one has the latest deadline: after it, changes are refused.
  const refusedFrom = new Date(deadlines[deadlines.length - 1] ?? startMs).toISOString();
  const index = deadlines.findIndex((deadline) => nowMs < deadline);
  const tier = policies.change_tiers[index];
  const deadline = deadlines[index];
  if (!tier || deadline === undefined) return { allowed: false, refusedFrom };
  const feeChangesAt = index < deadlines.length - 1 ? new Date(deadline).toISOString() : null;
  return { allowed: true, tierIndex: index, rescheduleFee: tier.reschedule_fee, cancelFee: tier.cancel_fee, feeChangesAt, refusedFrom };
}

/** A deadline as people at the centre read it (online bookings: UTC). */
export function localized(iso: string, zone: string | null): string {
  return zone ? formatLocalIso(Date.parse(iso), zone) : iso;
}
