import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafeSlow(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * Cryptographically secure random bytes, drawn from a pool that OpenSSL refills 4 KiB at a time. Each call into
 * OpenSSL costs far more than the few dozen bytes an id or a token needs (a job object, the DRBG's lock): on the token
 * endpoint two such calls were ~10 % of a request (BENCHMARKS.md, P2). `crypto.randomUUID` pools the same way.
 * Every byte is handed out once, copied into the caller's own buffer; large requests bypass the pool.
 */
export function secureRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE / 8) return randomBytes(size);
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
