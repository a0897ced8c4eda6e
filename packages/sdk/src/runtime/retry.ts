/** When and how long to wait before trying a call again. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3; 0 disables). */
  maxRetries: number;
  /** First backoff step in ms; doubles per retry, with jitter (default 200). */
  baseDelayMs: number;
  /** Cap of one backoff wait in ms (default 10 000). */
  maxDelayMs: number;
  /** A Retry-After longer than this (seconds) is not waited out: the error is raised with `retryAfterSeconds` (default 120). */
  maxRetryAfterSeconds: number;
  /** Statuses worth another attempt (default 408, 425, 429, 500, 502, 503, 504). */
  statuses: readonly number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterSeconds: 120,
  statuses: [408, 425, 429, 500, 502, 503, 504],
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Only calls that are safe to repeat are retried: idempotent methods, and POST/PATCH that carry an Idempotency-Key
 * (the server replays the first answer for the same key and body, so a retry can never create twice).
 */
export function mayRetry(method: string, headers: Record<string, string>): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase()) || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so clients spread out. */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * The wait before retry number `retry` (0-based): the server's Retry-After when given (it knows best), else the
 * backoff. Undefined means "do not retry": Retry-After beyond the policy's limit.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, retryAfterSeconds: number | undefined): number | undefined {
  if (retryAfterSeconds === undefined) return backoffMs(policy, retry);
  if (retryAfterSeconds > policy.maxRetryAfterSeconds) return undefined;
  return retryAfterSeconds * 1000;
}
