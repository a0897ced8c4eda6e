import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { OAuthErrors } from './oauth.errors.ts';

/**
 * application/x-www-form-urlencoded → Record<string, string>. RFC 6749 §3.2: parameters sent more than once
 * make the request invalid, so duplicates are refused rather than silently merged.
 */
export function parseForm(body: string): Record<string, string> {
  const form: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    if (name in form) throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, `parameter "${name}" is sent more than once`);
    // RFC 6749 §3.2: parameters sent without a value are treated as if omitted.
    if (value !== '') form[name] = value;
  }
  return form;
}

export function installFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/** RFC 6749 §3.2: token endpoint requests are form-encoded; a JSON body is refused, not guessed at. */
export async function requireFormBody(request: FastifyRequest): Promise<void> {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new AppError(OAuthErrors.OAUTH_INVALID_REQUEST, 'send the parameters as application/x-www-form-urlencoded');
  }
}
