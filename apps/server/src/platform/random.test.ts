import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from './random.ts';

describe('secureRandomBytes', () => {
  it('hands out bytes of the asked size that are never repeated, across pool refills', () => {
    const seen = new Set<string>();
    // 2,000 × 32 bytes spans more than 15 refills of the 4 KiB pool.
    for (let i = 0; i < 2000; i++) {
      const bytes = secureRandomBytes(32);
      expect(bytes).toHaveLength(32);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('returns a copy: changing it does not change the bytes handed out next', () => {
    const first = secureRandomBytes(16);
    first.fill(0);
    expect(secureRandomBytes(16).equals(Buffer.alloc(16))).toBe(false);
  });

  it('serves large requests directly, and every byte value occurs', () => {
    expect(secureRandomBytes(10_000)).toHaveLength(10_000);
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 400; i++) for (const byte of secureRandomBytes(64)) counts[byte] += 1;
    // 25,600 bytes: each value is expected ~100 times; a value never seen means a broken source.
    expect(counts.every((n) => n > 0)).toBe(true);
  });
});
