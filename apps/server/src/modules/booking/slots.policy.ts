/**
 * Slot maths (pure): which appointment starts a centre offers for a test, and the opaque slot id that names one.
 * Slots are derived, never stored: opening hours × the 30-minute start grid × the test's duration, minus closures.
 */
import type { DeliveryMode } from '../../db/tables/test-publication.ts';
import { openingRangesOn, subtractRanges, type TimeRange, type WeeklyHours } from '../test-centers/opening-hours.policy.ts';
import { addDays, localDateAt } from '../test-centers/test-centers.policy.ts';
import { CELL_MS, ceilToCell } from './booking.policy.ts';

/** What a slot id says: where (a centre's location code, or null online), which test, and when it starts. */
export interface SlotRef {
  deliveryMode: DeliveryMode;
  locationCode: string | null;
  testCode: string;
  startMs: number;
}

/**
 * Opaque to partners but self-describing and stable: base64url of a small JSON array, so the same slot always has
 * the same id and no table is needed to resolve it. Everything in it is checked again when it is used.
 */
export function encodeSlotId(slot: SlotRef): string {
  const mode = slot.deliveryMode === 'SITE_PROCTORED' ? 'S' : 'O';
  return Buffer.from(JSON.stringify([1, mode, slot.locationCode ?? '', slot.testCode, slot.startMs / 60_000])).toString('base64url');
}

/** The slot an id names, or undefined when the text is not one of our slot ids. */
export function decodeSlotId(slotId: string): SlotRef | undefined {
  if (!/^[A-Za-z0-9_-]{8,400}$/.test(slotId)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(slotId, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 5 || value[0] !== 1) return undefined;
    const [, mode, location, testCode, minutes] = value as [number, unknown, unknown, unknown, unknown];
    if ((mode !== 'S' && mode !== 'O') || typeof location !== 'string' || typeof testCode !== 'string' || testCode.length === 0) return undefined;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || (minutes * 60_000) % CELL_MS !== 0) return undefined;
    if (mode === 'S' && location.length === 0) return undefined;
    if (mode === 'O' && location.length > 0) return undefined;
    return {
      deliveryMode: mode === 'S' ? 'SITE_PROCTORED' : 'ATLAS_REMOTE_PROCTORED',
      locationCode: mode === 'S' ? location : null,
      testCode,
      startMs: minutes * 60_000,
    };
  } catch {
    return undefined;
  }
}

/**
 * Starts (UTC ms, on the 30-minute grid) of every appointment of `durationMs` that fits inside the centre's opening
 * hours and outside its closures, with the start in [fromMs, toMs). Each local date is converted on its own, so a DST
 * change moves the UTC starts and never shortens or lengthens a local opening interval.
 */
export function centreSlotStarts(hours: WeeklyHours, zone: string, closures: TimeRange[], durationMs: number, fromMs: number, toMs: number): number[] {
  const starts: number[] = [];
  // One local day either side: a local date's hours can start before fromMs in UTC terms and still matter.
  const firstDate = addDays(localDateAt(fromMs, zone), -1);
  const lastDate = addDays(localDateAt(toMs, zone), 1);
  for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
    const open = subtractRanges(openingRangesOn(hours, zone, date), closures);
    for (const range of open) {
      for (let start = ceilToCell(range.startMs); start + durationMs <= range.endMs; start += CELL_MS) {
        if (start >= fromMs && start < toMs) starts.push(start);
      }
    }
  }
  return starts;
}

/** Online delivery runs around the clock: every grid start in [fromMs, toMs). */
export function onlineSlotStarts(fromMs: number, toMs: number): number[] {
  const starts: number[] = [];
  for (let start = ceilToCell(fromMs); start < toMs; start += CELL_MS) starts.push(start);
  return starts;
}

/** Whether `startMs` is a slot of the centre for a test of `durationMs` (a slot id is re-checked against this). */
export function isCentreSlot(hours: WeeklyHours, zone: string, closures: TimeRange[], durationMs: number, startMs: number): boolean {
  return centreSlotStarts(hours, zone, closures, durationMs, startMs, startMs + 1).includes(startMs);
}
