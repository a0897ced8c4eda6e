import type { FastifyServerOptions } from 'fastify';

/** Paths pino blanks out wherever they appear in a log object: credentials and candidate PII never reach logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.client_secret',
  '*.consumer_secret',
  '*.access_token',
  '*.refresh_token',
  '*.token',
  '*.first_name',
  '*.last_name',
  '*.middle_name',
  '*.email',
  '*.candidate',
];

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}
