/**
 * One error type for the whole server. Services throw `AppError(code, detail)`; the HTTP layer maps it once to
 * the wire format of the route (problem+json for v2, PSI's `{error, error_description}` for v1, RFC 6749 for the
 * Token API). Modules declare their codes with `defineErrors`, which also feeds the error catalogue in the docs.
 */
export interface ErrorDefinition {
  status: number;
  title: string;
  /** What the caller should do about it: shown in the error catalogue. */
  fix: string;
  /** RFC 6749 §5.2 error code, for errors the Token API answers. */
  oauth?: string;
}

export interface ValidationIssue {
  /** JSON pointer into the request, prefixed with its part: `/body/candidate/first_name`, `/query/status`. */
  pointer: string;
  message: string;
}

const catalogue = new Map<string, ErrorDefinition>();

export function defineErrors<const T extends Record<string, ErrorDefinition>>(definitions: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, definition] of Object.entries(definitions)) {
    const existing = catalogue.get(code);
    if (existing && existing !== definition) throw new Error(`error code ${code} defined twice`);
    catalogue.set(code, definition);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorDefinition(code: string): ErrorDefinition {
  return catalogue.get(code) ?? PLATFORM_FALLBACK;
}

export function errorCatalogue(): ReadonlyMap<string, ErrorDefinition> {
  return catalogue;
}

export interface AppErrorOptions {
  /** Validation failures, one per bad field. */
  errors?: ValidationIssue[];
  /** Extra response headers (WWW-Authenticate, Retry-After…). */
  headers?: Record<string, string>;
  /** Wire-format overrides for PSI-compatible routes whose texts are a contract. */
  psi?: { error: string; error_description: string };
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly detail?: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(detail ?? errorDefinition(code).title, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorDefinition(code).status;
  }
}

const PLATFORM_FALLBACK: ErrorDefinition = {
  status: 500,
  title: 'Internal error',
  fix: 'Retry later; if it persists, contact support with the request id.',
};

export const PlatformErrors = defineErrors({
  INTERNAL_ERROR: PLATFORM_FALLBACK,
  VALIDATION_FAILED: {
    status: 400,
    title: 'The request is invalid',
    fix: 'Correct every field listed in `errors` (each has a JSON pointer) and send the request again.',
  },
  BAD_REQUEST: {
    status: 400,
    title: 'The request could not be read',
    fix: 'Send a well-formed body with the documented Content-Type.',
  },
  NOT_FOUND: {
    status: 404,
    title: 'Not found',
    fix: 'Check the path against the OpenAPI document of the service.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method not allowed',
    fix: 'Use one of the methods the OpenAPI document lists for this path.',
  },
  URI_TOO_LONG: {
    status: 414,
    title: 'A path segment is too long',
    fix: 'Path parameters (codes and ids) are at most 100 characters: check the identifier you sent.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'The request body is too large',
    fix: 'Send a smaller body (1 MiB at most).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    fix: 'Send the body as application/json (application/x-www-form-urlencoded on the Token API).',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: 'Service unavailable',
    fix: 'Retry after the time given in Retry-After.',
  },
});
