import { AppError } from '../../platform/errors.ts';
import { TestCenterErrors } from './test-centers.errors.ts';
import { addDays, formatLocalIso, localDateAt, localPartsAt, WEEKDAYS, type Weekday, weekdayOf, zonedToUtc } from './test-centers.policy.ts';

/**
 * Weekly opening hours in the centre's local time: for each weekday, sorted non-overlapping intervals within the day
 * (`closes` may be `24:00`; a night shift is two intervals on two days). An empty list means closed that day.
 */
export interface OpeningInterval {
  opens: string;
  closes: string;
}
export type WeeklyHours = Record<Weekday, OpeningInterval[]>;

/** Monday first, as people read a week's hours. */
const ORDER: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

function invalid(detail: string): AppError {
  return new AppError(TestCenterErrors.TEST_CENTERS_INVALID_INPUT, detail);
}

/** Checks and normalises weekly hours (every weekday present, intervals sorted); throws TEST_CENTERS_INVALID_INPUT. */
export function validateWeeklyHours(input: unknown): WeeklyHours {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('opening hours must be an object keyed by weekday');
  const unknown = Object.keys(input).filter((key) => !(WEEKDAYS as readonly string[]).includes(key));
  if (unknown.length > 0) throw invalid(`unknown weekday(s) in opening hours: ${unknown.join(', ')}`);
  const hours = {} as WeeklyHours;
  for (const day of ORDER) {
    const list = (input as Record<string, unknown>)[day] ?? [];
    if (!Array.isArray(list)) throw invalid(`opening hours of ${day} must be a list of {opens, closes}`);
    const intervals = list.map((item) => {
      const { opens, closes } = (item ?? {}) as Record<string, unknown>;
      if (typeof opens !== 'string' || typeof closes !== 'string' || !TIME.test(opens) || !TIME.test(closes) || opens === '24:00') {
        throw invalid(`opening hours of ${day}: times are HH:MM (00:00–24:00), got ${JSON.stringify(item)}`);
      }
      if (minutesOf(closes) <= minutesOf(opens)) throw invalid(`opening hours of ${day}: ${opens}–${closes} closes before it opens`);
      return { opens, closes };
    });
    intervals.sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
    for (let i = 1; i < intervals.length; i++) {
      const previous = intervals[i - 1] as OpeningInterval;
      const current = intervals[i] as OpeningInterval;
      if (minutesOf(current.opens) < minutesOf(previous.closes)) throw invalid(`opening hours of ${day}: intervals overlap`);
    }
    hours[day] = intervals;
  }
  return hours;
}

const DAY_ALIASES: Record<string, Weekday> = {
  sun: 'sunday',
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
};

/**
 * The coordinators' short form, for the CLI: `mon-fri 08:00-17:00; sat 09:00-12:00,13:00-16:00` (days not named are
 * closed). JSON (`{"monday":[…]}`) is accepted too.
 */
export function parseHoursSpec(spec: string): WeeklyHours {
  const text = spec.trim();
  if (text.startsWith('{')) {
    try {
      return validateWeeklyHours(JSON.parse(text));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalid('opening hours JSON could not be read');
    }
  }
  const hours: Record<string, OpeningInterval[]> = {};
  for (const clause of text
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)) {
    const match = /^([a-z]{3})(?:-([a-z]{3}))?\s+(.+)$/i.exec(clause);
    const first = DAY_ALIASES[match?.[1]?.toLowerCase() ?? ''];
    const last = match?.[2] ? DAY_ALIASES[match[2].toLowerCase()] : first;
    if (!match || !first || !last) throw invalid(`cannot read "${clause}": write e.g. "mon-fri 08:00-17:00; sat 09:00-13:00"`);
    const intervals = (match[3] as string).split(',').map((range) => {
      const [opens = '', closes = ''] = range.trim().split('-');
      return { opens, closes };
    });
    const from = ORDER.indexOf(first);
    const to = ORDER.indexOf(last);
    if (to < from) throw invalid(`"${clause}": the day range runs backwards`);
    for (const day of ORDER.slice(from, to + 1)) hours[day] = [...(hours[day] ?? []), ...intervals];
  }
  return validateWeeklyHours(hours);
}

export interface TimeRange {
  startMs: number;
  endMs: number;
}

export interface OpeningDay {
  date: string;
  weekday: Weekday;
  windows: { opens_at: string; closes_at: string; opens_at_local: string; closes_at_local: string }[];
}

/** `ranges` minus `holes` (both half-open), in order. */
export function subtractRanges(ranges: TimeRange[], holes: TimeRange[]): TimeRange[] {
  let result = ranges;
  for (const hole of holes) {
    result = result.flatMap((r) => {
      if (hole.endMs <= r.startMs || hole.startMs >= r.endMs) return [r];
      const pieces: TimeRange[] = [];
      if (hole.startMs > r.startMs) pieces.push({ startMs: r.startMs, endMs: hole.startMs });
      if (hole.endMs < r.endMs) pieces.push({ startMs: hole.endMs, endMs: r.endMs });
      return pieces;
    });
  }
  return result;
}

/** The opening intervals of one local date as UTC instants (DST-aware: each interval converts on its own date). */
export function openingRangesOn(hours: WeeklyHours, zone: string, date: string): TimeRange[] {
  return hours[weekdayOf(date)].map((i) => ({ startMs: zonedToUtc(date, i.opens, zone), endMs: zonedToUtc(date, i.closes, zone) }));
}

/**
 * The centre's opening times for `days` local dates starting with today's local date at `nowMs`, closures removed:
 * each window in UTC and in local time with its offset (so a DST change shows as a changed offset).
 */
export function openingSchedule(hours: WeeklyHours, zone: string, nowMs: number, days: number, closures: TimeRange[]): OpeningDay[] {
  const today = localDateAt(nowMs, zone);
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(today, i);
    const ranges = subtractRanges(openingRangesOn(hours, zone, date), closures).filter((r) => r.endMs > r.startMs);
    return {
      date,
      weekday: weekdayOf(date),
      windows: ranges.map((r) => ({
        opens_at: new Date(r.startMs).toISOString(),
        closes_at: new Date(r.endMs).toISOString(),
        opens_at_local: formatLocalIso(r.startMs, zone),
        closes_at_local: formatLocalIso(r.endMs, zone),
      })),
    };
  });
}

/** Whether the centre is open at an instant: inside an opening interval of the local day and outside every closure. */
export function isOpenAt(hours: WeeklyHours, zone: string, instantMs: number, closures: TimeRange[] = []): boolean {
  if (closures.some((c) => instantMs >= c.startMs && instantMs < c.endMs)) return false;
  const p = localPartsAt(instantMs, zone);
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return openingRangesOn(hours, zone, date).some((r) => instantMs >= r.startMs && instantMs < r.endMs);
}
