import { type AtlasAuth, TokenManager } from './auth.js';
import { type AtlasHttpError, AtlasNetworkError, AtlasTimeoutError, errorFromResponse } from './errors.js';
import type { CallOptions } from './operation-types.js';
import { DEFAULT_RETRY_POLICY, mayRetry, type RetryPolicy, retryDelayMs } from './retry.js';
import type { RouteSpec } from './route-spec.js';
import { exchange, type FetchLike, parseBody, type RawAnswer, sleep } from './transport.js';

/** A token belongs to one environment; so does a client. */
export type AtlasEnvironment = 'sandbox' | 'production';

/** Where the API is reached when nothing else is configured: `npm start` on the local machine. */
export const LOCAL_BASE_URL = 'http://127.0.0.1:8080';

export interface AtlasClientOptions {
  /** The environment whose consumer key you use (default sandbox). Picks the base URL from `environments`. */
  environment?: AtlasEnvironment;
  /** Base URL per environment, e.g. `{ sandbox: 'https://sandbox.atlas.example', production: 'https://api.atlas.example' }`. */
  environments?: Partial<Record<AtlasEnvironment, string>>;
  /** Overrides `environments`: the origin of the API (default http://127.0.0.1:8080). */
  baseUrl?: string;
  /** How to get tokens: client_credentials, password, or a ready access token. */
  auth: AtlasAuth;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Retry policy (merged over the defaults). */
  retry?: Partial<RetryPolicy>;
  /** Refresh tokens this many seconds before they expire (default 60). */
  refreshMarginSeconds?: number;
  /** Headers sent with every call (e.g. a User-Agent of your integration). */
  headers?: Record<string, string>;
  /** fetch to use (default globalThis.fetch): for proxies, test doubles, or runtimes without a global fetch. */
  fetch?: FetchLike;
}

/** The parts of a call the generated operations hand over. */
export interface RequestInput {
  path?: Record<string, string | number> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
}

const uuid = (): string => globalThis.crypto.randomUUID();

/**
 * The runtime every service client shares: base URL, tokens, retries, timeouts, idempotency keys and error typing.
 * Create one per environment and pass it to the service factories (`bookingV2(client)`, …).
 */
export class AtlasClient {
  readonly baseUrl: string;
  readonly environment: AtlasEnvironment;
  readonly tokens: TokenManager;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  private readonly fetchImpl: FetchLike;
  private readonly headers: Record<string, string>;

  constructor(options: AtlasClientOptions) {
    this.environment = options.environment ?? 'sandbox';
    this.baseUrl = (options.baseUrl ?? options.environments?.[this.environment] ?? LOCAL_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.headers = options.headers ?? {};
    const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (!fetchImpl) throw new TypeError('no fetch available: pass options.fetch');
    this.fetchImpl = fetchImpl;
    this.tokens = new TokenManager(options.auth, {
      baseUrl: this.baseUrl,
      fetch: fetchImpl,
      timeoutMs: this.timeoutMs,
      ...(options.refreshMarginSeconds !== undefined ? { refreshMarginSeconds: options.refreshMarginSeconds } : {}),
    });
  }

  /** The access token calls use now (fetched or refreshed when needed). */
  accessToken(signal?: AbortSignal): Promise<string> {
    return this.tokens.accessToken(signal);
  }

  /** Calls one operation; resolves with its parsed 2xx body, rejects with a typed AtlasError. */
  async call(route: RouteSpec, input: RequestInput = {}, options: CallOptions = {}): Promise<unknown> {
    const url = this.url(route.path, input);
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...this.headers, ...options.headers };
    let body: string | undefined;
    if (input.body !== undefined) {
      const form = route.body === 'application/x-www-form-urlencoded';
      headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
      body = form ? new URLSearchParams(input.body as Record<string, string>).toString() : JSON.stringify(input.body);
    }
    // One key per logical call, reused on every retry: the server replays the first answer instead of creating twice.
    const idempotencyKey = options.idempotencyKey ?? (route.idempotencyKey ? uuid() : undefined);
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const answer = await this.send(route.method, url, headers, body, options);
    if (answer.status === 204 || route.response === 'none') return undefined;
    return route.response === 'text' ? answer.text : parseBody(answer);
  }

  /** Sends with retries (only when safe), one token renewal on 401, and typed errors. */
  private async send(method: string, url: string, headers: Record<string, string>, body: string | undefined, options: CallOptions): Promise<RawAnswer> {
    const retryable = mayRetry(method, headers);
    const maxRetries = options.maxRetries ?? this.retry.maxRetries;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let renewedToken = false;
    for (let retry = 0; ; retry++) {
      const token = await this.tokens.accessToken(options.signal);
      let answer: RawAnswer;
      try {
        answer = await exchange(this.fetchImpl, url, { method, headers: { ...headers, authorization: `Bearer ${token}` }, body }, timeoutMs, options.signal);
      } catch (error) {
        const transient = error instanceof AtlasNetworkError || error instanceof AtlasTimeoutError;
        if (!transient || !retryable || retry >= maxRetries) throw error;
        await sleep(retryDelayMs(this.retry, retry, undefined) ?? 0, options.signal);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      // 401 means the gateway refused the token before anything ran: safe to repeat once with a fresh token
      // (it was revoked, or expired early), whatever the method.
      if (answer.status === 401 && !renewedToken && this.tokens.invalidate(token)) {
        renewedToken = true;
        retry--;
        continue;
      }
      const error = errorFromResponse(answer.status, answer.headers, parseBody(answer));
      const delay =
        retryable && retry < maxRetries && this.retry.statuses.includes(answer.status) ? retryDelayMs(this.retry, retry, retryAfterOf(error)) : undefined;
      if (delay === undefined) throw error;
      await sleep(delay, options.signal);
    }
  }

  private url(template: string, input: RequestInput): string {
    const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = input.path?.[name];
      if (value === undefined || value === '') throw new TypeError(`path parameter ${name} is required for ${template}`);
      return encodeURIComponent(String(value));
    });
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(input.query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
    }
    const search = query.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }
}

function retryAfterOf(error: AtlasHttpError): number | undefined {
  return error.retryAfterSeconds;
}

/** Shorthand for `new AtlasClient(options)`. */
export function createAtlasClient(options: AtlasClientOptions): AtlasClient {
  return new AtlasClient(options);
}
