import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { isOpenAt, openingSchedule, parseHoursSpec, subtractRanges, validateWeeklyHours } from './opening-hours.policy.ts';

const at = (iso: string) => Date.parse(iso);
const WEEKDAYS_9_TO_5 = parseHoursSpec('mon-fri 08:00-17:00; sat 09:00-13:00');

describe('weekly opening hours', () => {
  it('reads the coordinators short form, leaving days not named closed', () => {
    expect(parseHoursSpec('mon-wed 08:00-12:00,13:00-17:00; sat 09:00-13:00')).toEqual({
      sunday: [],
      monday: [
        { opens: '08:00', closes: '12:00' },
        { opens: '13:00', closes: '17:00' },
      ],
      tuesday: [
        { opens: '08:00', closes: '12:00' },
        { opens: '13:00', closes: '17:00' },
      ],
      wednesday: [
        { opens: '08:00', closes: '12:00' },
        { opens: '13:00', closes: '17:00' },
      ],
      thursday: [],
      friday: [],
      saturday: [{ opens: '09:00', closes: '13:00' }],
    });
  });

  it('reads JSON too and sorts the intervals of a day', () => {
    const hours = parseHoursSpec('{"monday":[{"opens":"13:00","closes":"24:00"},{"opens":"07:00","closes":"12:00"}]}');
    expect(hours.monday).toEqual([
      { opens: '07:00', closes: '12:00' },
      { opens: '13:00', closes: '24:00' },
    ]);
    expect(hours.sunday).toEqual([]);
  });

  it.each([
    ['{"monday":[{"opens":"17:00","closes":"08:00"}]}', 'closes before it opens'],
    ['{"monday":[{"opens":"08:00","closes":"12:00"},{"opens":"11:00","closes":"15:00"}]}', 'overlap'],
    ['{"funday":[]}', 'unknown weekday'],
    ['{"monday":[{"opens":"8am","closes":"17:00"}]}', 'HH:MM'],
    ['mon-fri 8-17', 'HH:MM'],
    ['fri-mon 08:00-17:00', 'backwards'],
    ['weekdays 08:00-17:00', 'cannot read'],
  ])('refuses %s (%s)', (spec, message) => {
    expect(() => parseHoursSpec(spec)).toThrowError(AppError);
    expect(() => parseHoursSpec(spec)).toThrowError(message);
  });

  it('refuses something that is not an object', () => {
    expect(() => validateWeeklyHours([])).toThrowError('object keyed by weekday');
  });
});

describe('opening schedule', () => {
  it('lists seven local days in UTC and local time, following New York onto daylight time', () => {
    const days = openingSchedule(WEEKDAYS_9_TO_5, 'America/New_York', at('2026-03-06T12:00:00Z'), 7, []);
    expect(days.map((d) => `${d.date} ${d.weekday}`)).toEqual([
      '2026-03-06 friday',
      '2026-03-07 saturday',
      '2026-03-08 sunday',
      '2026-03-09 monday',
      '2026-03-10 tuesday',
      '2026-03-11 wednesday',
      '2026-03-12 thursday',
    ]);
    expect(days[0]?.windows).toEqual([
      {
        opens_at: '2026-03-06T13:00:00.000Z',
        closes_at: '2026-03-06T22:00:00.000Z',
        opens_at_local: '2026-03-06T08:00:00-05:00',
        closes_at_local: '2026-03-06T17:00:00-05:00',
      },
    ]);
    expect(days[2]?.windows).toEqual([]);
    expect(days[3]?.windows).toEqual([
      {
        opens_at: '2026-03-09T12:00:00.000Z',
        closes_at: '2026-03-09T21:00:00.000Z',
        opens_at_local: '2026-03-09T08:00:00-04:00',
        closes_at_local: '2026-03-09T17:00:00-04:00',
      },
    ]);
  });

  it('starts on the local date, which in Sydney is already tomorrow', () => {
    const days = openingSchedule(WEEKDAYS_9_TO_5, 'Australia/Sydney', at('2026-03-06T20:00:00Z'), 1, []);
    expect(days[0]).toMatchObject({ date: '2026-03-07', weekday: 'saturday' });
    expect(days[0]?.windows[0]?.opens_at).toBe('2026-03-06T22:00:00.000Z');
  });

  it('removes closures, splitting a day a closure only partly covers', () => {
    const closure = { startMs: at('2026-03-09T15:00:00Z'), endMs: at('2026-03-09T17:00:00Z') };
    const days = openingSchedule(WEEKDAYS_9_TO_5, 'America/New_York', at('2026-03-09T00:00:00Z'), 2, [closure]);
    // 00:00Z on the 9th is still the 8th (Sunday) in New York.
    expect(days[1]?.windows.map((w) => [w.opens_at_local, w.closes_at_local])).toEqual([
      ['2026-03-09T08:00:00-04:00', '2026-03-09T11:00:00-04:00'],
      ['2026-03-09T13:00:00-04:00', '2026-03-09T17:00:00-04:00'],
    ]);
  });

  it('subtracts a hole that covers a range entirely', () => {
    expect(subtractRanges([{ startMs: 10, endMs: 20 }], [{ startMs: 0, endMs: 30 }])).toEqual([]);
    expect(subtractRanges([{ startMs: 10, endMs: 20 }], [{ startMs: 20, endMs: 30 }])).toEqual([{ startMs: 10, endMs: 20 }]);
  });
});

describe('open at an instant', () => {
  it('is open inside local hours on both sides of the London change and closed outside', () => {
    const london = parseHoursSpec('mon-sat 09:00-17:00');
    expect(isOpenAt(london, 'Europe/London', at('2026-03-28T09:00:00Z'))).toBe(true); // Sat 09:00 GMT
    expect(isOpenAt(london, 'Europe/London', at('2026-03-28T08:59:00Z'))).toBe(false);
    expect(isOpenAt(london, 'Europe/London', at('2026-03-30T08:00:00Z'))).toBe(true); // Mon 09:00 BST
    expect(isOpenAt(london, 'Europe/London', at('2026-03-30T16:00:00Z'))).toBe(false); // Mon 17:00 BST
    expect(isOpenAt(london, 'Europe/London', at('2026-03-29T12:00:00Z'))).toBe(false); // Sunday
  });

  it('is closed during a closure', () => {
    const closure = { startMs: at('2026-03-09T12:00:00Z'), endMs: at('2026-03-10T00:00:00Z') };
    expect(isOpenAt(WEEKDAYS_9_TO_5, 'America/New_York', at('2026-03-09T13:00:00Z'))).toBe(true);
    expect(isOpenAt(WEEKDAYS_9_TO_5, 'America/New_York', at('2026-03-09T13:00:00Z'), [closure])).toBe(false);
  });
});
