import { describe, expect, it } from 'vitest';
import { findNul } from './nul-guard.ts';

describe('findNul', () => {
  it('points at the first string holding U+0000, however deep', () => {
    expect(findNul({ a: 'ok', b: [{ c: 'x\u0000y' }] }, '/body')).toBe('/body/b/0/c');
    expect(findNul('\u0000', '/params')).toBe('/params');
  });

  it('finds NUL in keys too, and nothing in clean values', () => {
    expect(findNul({ 'k\u0000': 1 }, '/body')).toBe('/body/k\\u0000');
    expect(findNul({ a: 1, b: null, c: [true, 'text'] }, '/body')).toBeUndefined();
  });
});
