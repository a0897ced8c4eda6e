import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secrets encrypted at rest', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips a secret without storing it in clear, with a fresh nonce each time', () => {
    const sealed = box.seal('s3cret-password', 'whk_1:auth');
    expect(sealed).not.toContain('s3cret');
    expect(sealed).not.toBe(box.seal('s3cret-password', 'whk_1:auth'));
    expect(box.open(sealed, 'whk_1:auth')).toBe('s3cret-password');
  });

  it('refuses a ciphertext moved to another row, altered, or opened with another key', () => {
    const sealed = box.seal('token', 'whk_1:auth');
    expect(() => box.open(sealed, 'whk_2:auth')).toThrow();
    const parts = sealed.split('.');
    const altered = [...parts.slice(0, 3), Buffer.from('tokem').toString('base64url')].join('.');
    expect(() => box.open(altered, 'whk_1:auth')).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'whk_1:auth')).toThrow();
  });

  it('fingerprints equal values equally, without revealing them, and differently under another key', () => {
    expect(box.fingerprint('pw')).toBe(box.fingerprint('pw'));
    expect(box.fingerprint('pw')).not.toBe(box.fingerprint('pw2'));
    expect(createSecretBox(randomBytes(32)).fingerprint('pw')).not.toBe(box.fingerprint('pw'));
  });
});
