/**
 * Voucher codes are bearer instruments: whoever holds one gets the discount. They are 16 random characters from
 * Crockford's base32 alphabet (no I, L, O, U) = 80 bits, shown as four groups of four (`7KQ4-M2XD-9TPR-H3CW`), with
 * an optional readable batch prefix (`SPRING-7KQ4-…`). At 80 bits, guessing one live code among a million issued
 * takes ~2^60 tries, far beyond what the gateway's throttling lets through.
 *
 * They are stored as issued, not hashed: partners must export their batches (CSV) to hand the codes out, and
 * support must read a code back. Exposure is limited instead: only the owning account, in the issuing
 * environment, can read or export them, and the audit log records every export.
 */
import { randomString } from '../../platform/ids.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 16;

export function generateVoucherCode(prefix: string | null): string {
  const random = randomString(ALPHABET, RANDOM_LENGTH);
  const groups = random.match(/.{4}/g) as string[];
  return [...(prefix ? [prefix] : []), ...groups].join('-');
}

/**
 * The stored form of a code a person typed: case, spaces and dashes do not matter, and in the random part the
 * look-alikes O, I and L read as 0, 1 and 1 (Crockford's decoding rule). Anything too short is returned
 * upper-cased, to be not found.
 */
export function normalizeVoucherCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length < RANDOM_LENGTH) return compact;
  const prefix = compact.slice(0, compact.length - RANDOM_LENGTH);
  const random = compact.slice(-RANDOM_LENGTH).replace(/O/g, '0').replace(/[IL]/g, '1');
  const groups = random.match(/.{4}/g) as string[];
  return [...(prefix ? [prefix] : []), ...groups].join('-');
}
