import { describe, expect, it } from 'vitest';
import { createIdGenerator, idFloorAt } from './ids.ts';

describe('ids', () => {
  it('sort by creation time, and idFloorAt separates the ids made before an instant from those made at or after it', () => {
    let nowMs = Date.parse('2026-01-05T09:00:00.000Z');
    const ids = createIdGenerator(() => new Date(nowMs));
    const made: { atMs: number; id: string }[] = [];
    // Across every digit of the time part, including carries (32 ms, 1024 ms, 32768 ms …).
    for (const stepMs of [0, 1, 1, 30, 1, 990, 31_743, 1, 86_400_000, 1]) {
      nowMs += stepMs;
      made.push({ atMs: nowMs, id: ids.id('accessToken') }, { atMs: nowMs, id: ids.id('accessToken') });
    }
    expect(made.every(({ id }) => /^tok_[0-9a-z]{26}$/.test(id))).toBe(true);
    for (const { atMs } of made) {
      const floor = idFloorAt('accessToken', new Date(atMs));
      expect(made.filter(({ id }) => id < floor).map((m) => m.atMs < atMs)).not.toContain(false);
      expect(made.filter(({ id }) => id >= floor).map((m) => m.atMs >= atMs)).not.toContain(false);
      expect(made.filter(({ id }) => id < floor).length).toBe(made.filter((m) => m.atMs < atMs).length);
    }
  });
});
