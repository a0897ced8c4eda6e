import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/**
 * Paths pino blanks out. Explicit paths only: wildcard paths cost pino ~2.5 µs each on every log call (measured,
 * BENCHMARKS.md). Secrets and candidate data stay out of logs at the source instead: the access log writes the
 * route pattern, never URLs, bodies or headers, and errors are logged without request data.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'body.password',
  'body.client_secret',
  'body.refresh_token',
  'err.config.headers.authorization',
];

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}
