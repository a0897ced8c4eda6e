import type { FastifyInstance } from 'fastify';
import { AppError, PlatformErrors } from './errors.ts';

/**
 * PostgreSQL text cannot hold U+0000 and fails the whole statement ("invalid byte sequence"), which surfaced as a 500
 * in the R5 fuzz suite (`/vouchers/v2/vouchers/%00/validate`). No field of any API has a use for it, so every request
 * carrying one in a path parameter, the query or the body is refused up front, on both dialects alike.
 */
export function findNul(value: unknown, pointer: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? pointer : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${pointer}/${key.replaceAll('\u0000', '\\u0000')}`;
    const found = findNul(child, `${pointer}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const pointer = findNul(request.params, '/params') ?? findNul(request.query, '/query') ?? findNul(request.body, '/body');
    if (pointer) {
      const message = 'must not contain the NUL character (U+0000)';
      throw new AppError(PlatformErrors.VALIDATION_FAILED, `${pointer} ${message}`, { errors: [{ pointer, message }] });
    }
  });
}
