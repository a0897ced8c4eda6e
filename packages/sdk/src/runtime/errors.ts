/**
 * Typed errors. Every failure the SDK raises is an AtlasError; HTTP answers become the subclass of their wire
 * format: problem+json on v2 (AtlasProblemError), PSI's `{error, error_description}` on v1 (PsiApiError), RFC 6749
 * on the Token API (OAuthError). Cancellation through an AbortSignal is not wrapped: it rejects with the signal's
 * reason, as fetch does.
 */

export class AtlasError extends Error {
  override name = 'AtlasError';
}

/** Any non-2xx answer. */
export class AtlasHttpError extends AtlasError {
  override name = 'AtlasHttpError';
  /** The `X-Request-Id` of the answer: quote it to support. */
  readonly requestId: string | undefined;
  /** Seconds from `Retry-After`, when the server sent one (429, 503). */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    message: string,
    readonly status: number,
    readonly headers: Headers,
    /** The parsed body (or its text when it is not JSON). */
    readonly body: unknown,
  ) {
    super(message);
    this.requestId = headers.get('x-request-id') ?? undefined;
    this.retryAfterSeconds = parseRetryAfter(headers.get('retry-after'), Date.now());
  }
}

/** One invalid field of a v2 validation error. */
export interface ProblemFieldError {
  /** JSON pointer prefixed with the request part: `/body/candidate/first_name`, `/query/page_size`. */
  pointer: string;
  message: string;
}

/** RFC 9457 problem details, as v2 operations answer them. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** UPPER_SNAKE error code, listed with its fix in the error catalogue (`GET /docs/errors`). */
  code?: string;
  request_id?: string;
  errors?: ProblemFieldError[];
}

/** A v2 error answer (`application/problem+json`). */
export class AtlasProblemError extends AtlasHttpError {
  override name = 'AtlasProblemError';
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  /** Every bad field of a validation error (empty otherwise). */
  readonly errors: ProblemFieldError[];
  constructor(
    status: number,
    headers: Headers,
    readonly problem: ProblemDetails,
  ) {
    super(`${status} ${problem.code ?? problem.title ?? 'error'}: ${problem.detail ?? problem.title ?? ''}`.trim(), status, headers, problem);
    this.code = problem.code ?? 'UNKNOWN';
    this.title = problem.title ?? '';
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

/** A v1 error answer in the PSI error model. The description texts are PSI's, verbatim. */
export class PsiApiError extends AtlasHttpError {
  override name = 'PsiApiError';
  readonly error: string;
  readonly errorDescription: string;
  constructor(status: number, headers: Headers, body: { error: string; error_description?: string }) {
    super(`${status} ${body.error}: ${body.error_description ?? ''}`.trim(), status, headers, body);
    this.error = body.error;
    this.errorDescription = body.error_description ?? '';
  }
}

/** RFC 6749 §5.2 error codes of the Token API. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | (string & {});

/** A Token API error (RFC 6749 §5.2): bad client credentials, a wrong password, a reused refresh token… */
export class OAuthError extends AtlasHttpError {
  override name = 'OAuthError';
  readonly error: OAuthErrorCode;
  readonly errorDescription: string;
  constructor(status: number, headers: Headers, body: { error: string; error_description?: string }) {
    super(`${status} ${body.error}: ${body.error_description ?? ''}`.trim(), status, headers, body);
    this.error = body.error;
    this.errorDescription = body.error_description ?? '';
  }
}

/** An attempt took longer than the timeout (after any retries). */
export class AtlasTimeoutError extends AtlasError {
  override name = 'AtlasTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly url: string,
  ) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
  }
}

/** The request never got an answer: connection refused or reset, DNS failure… (after any retries). */
export class AtlasNetworkError extends AtlasError {
  override name = 'AtlasNetworkError';
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`request to ${url} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Maps an error answer to its typed error by content type and shape. `tokenEndpoint` marks Token API answers. */
export function errorFromResponse(status: number, headers: Headers, body: unknown, tokenEndpoint = false): AtlasHttpError {
  const contentType = headers.get('content-type') ?? '';
  if (isObject(body)) {
    if (tokenEndpoint && typeof body.error === 'string') return new OAuthError(status, headers, body as { error: string; error_description?: string });
    if (contentType.includes('problem+json') || (typeof body.title === 'string' && typeof body.status === 'number')) {
      return new AtlasProblemError(status, headers, body as ProblemDetails);
    }
    if (typeof body.error === 'string') return new PsiApiError(status, headers, body as { error: string; error_description?: string });
  }
  return new AtlasHttpError(`${status} ${typeof body === 'string' && body ? body.slice(0, 200) : 'error'}`, status, headers, body);
}
