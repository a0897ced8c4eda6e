import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from '../../../test/factories/catalog.ts';
import { cellsCovering, changeQuoteAt, seatsLeft, tierDeadlineMs } from './booking.policy.ts';
import { decodeSlotId, encodeSlotId } from './slots.policy.ts';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('seat cells', () => {
  it('covers every 30-minute cell an appointment touches', () => {
    expect(cellsCovering(at('2026-03-09T13:00:00Z'), at('2026-03-09T14:45:00Z')).map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-03-09T13:00:00.000Z',
      '2026-03-09T13:30:00.000Z',
      '2026-03-09T14:00:00.000Z',
      '2026-03-09T14:30:00.000Z',
    ]);
  });
  it('counts seats left from the busiest cell', () => {
    const taken = new Map([
      [1, { capacity: 10, taken: 3 }],
      [2, { capacity: 10, taken: 9 }],
    ]);
    expect(seatsLeft([1, 2, 3], 10, (c) => taken.get(c))).toBe(1);
    expect(seatsLeft([3], 10, (c) => taken.get(c))).toBe(10);
  });
});

describe('slot ids', () => {
  it('round-trip and refuse anything else', () => {
    const slot = { deliveryMode: 'SITE_PROCTORED' as const, locationCode: 'US-NYC-01', testCode: 'NURSE-RN', startMs: at('2026-03-09T13:30:00Z') };
    expect(decodeSlotId(encodeSlotId(slot))).toEqual(slot);
    expect(decodeSlotId('not-a-slot')).toBeUndefined();
    expect(decodeSlotId(Buffer.from(JSON.stringify([1, 'S', 'X', 'T', 17])).toString('base64url'))).toBeUndefined();
  });
});

describe('change tiers in the centre time zone across a DST change', () => {
  // Monday 2026-03-09 09:00 EDT (13:00Z); clocks went forward on Sunday 2026-03-08 02:00 in New York.
  const start = at('2026-03-09T13:00:00Z');

  it('puts the 48-hour bound at 09:00 local two calendar days earlier (EST then: 14:00Z, not 13:00Z)', () => {
    expect(new Date(tierDeadlineMs(start, 48, NY)).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(new Date(tierDeadlineMs(start, 168, NY)).toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('quotes the free tier, then the fee tier, then refuses with the deadline', () => {
    expect(changeQuoteAt(DEFAULT_POLICIES, start, NY, at('2026-03-02T13:59:00Z'))).toMatchObject({
      allowed: true,
      cancelFee: 0,
      feeChangesAt: '2026-03-02T14:00:00.000Z',
    });
    expect(changeQuoteAt(DEFAULT_POLICIES, start, NY, at('2026-03-02T14:00:00Z'))).toMatchObject({ allowed: true, cancelFee: 5000, rescheduleFee: 2500 });
    // 47.5 absolute hours ahead, yet before 09:00 local two days earlier: still the fee tier.
    expect(changeQuoteAt(DEFAULT_POLICIES, start, NY, at('2026-03-07T13:30:00Z'))).toMatchObject({ allowed: true, cancelFee: 5000 });
    expect(changeQuoteAt(DEFAULT_POLICIES, start, NY, at('2026-03-07T14:00:00Z'))).toEqual({ allowed: false, refusedFrom: '2026-03-07T14:00:00.000Z' });
  });

  it('works the same in November when the clocks go back', () => {
    // Monday 2026-11-02 09:00 EST (14:00Z); clocks went back on Sunday 2026-11-01.
    expect(new Date(tierDeadlineMs(at('2026-11-02T14:00:00Z'), 48, NY)).toISOString()).toBe('2026-10-31T13:00:00.000Z');
  });
});
