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
  // Runs on every request: no entry arrays, and a child's pointer is only built when the child needs a look.
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (key.includes('\u0000')) return `${pointer}/${key.replaceAll('\u0000', '\\u0000')}`;
    const child = record[key];
    if (typeof child === 'string' ? !child.includes('\u0000') : child === null || typeof child !== 'object') continue;
    const found = findNul(child, `${pointer}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const pointer = findNul(request.params, '/params') ?? findNul(request.query, '/query') ?? findNul(request.body, '/body');
    if (pointer) {
      const message = 'must not contain the NUL character (U+0000)';
      return done(new AppError(PlatformErrors.VALIDATION_FAILED, `${pointer} ${message}`, { errors: [{ pointer, message }] }));
    }
    done();
  });
}
