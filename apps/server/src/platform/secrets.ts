import { hash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { randomString } from './ids.ts';
import { secureRandomBytes } from './random.ts';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/** A high-entropy secret (256 bits) with a readable prefix so leaked ones are easy to recognise and scan for. */
export function generateSecret(prefix: string): string {
  return `${prefix}_${randomSecretText()}`;
}

/** 256 random bits as 43 base64url characters. */
export function randomSecretText(): string {
  return secureRandomBytes(32).toString('base64url');
}

/**
 * Tokens and client secrets carry 256 bits of entropy, so a fast hash is enough to store them: nobody can
 * brute-force the pre-image. (Passwords, chosen by people, get scrypt below.)
 */
export function hashSecret(secret: string): string {
  // The one-shot hash is about 3× cheaper than a Hash object (it runs on every gateway request).
  return hash('sha256', secret, 'hex');
}

/** Compares a presented secret with a stored SHA-256 hash in constant time. */
export function matchesSecretHash(secret: string, storedHash: string): boolean {
  const presented = hash('sha256', secret, 'buffer');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

// scrypt parameters: N=2^15, r=8, p=1 (OWASP's minimum recommendation), 64-byte key.
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Password hash in a self-describing format: `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, 64, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A one-time password people can type: 16 characters from an unambiguous alphabet, in groups of four. */
export function generateOneTimePassword(): string {
  return randomString('23456789abcdefghjkmnpqrstuvwxyz', 16).replace(/(.{4})(?=.)/g, '$1-');
}
