import { AtlasHttpError, errorFromResponse, OAuthError } from './errors.js';
import { abortable, exchange, type FetchLike, parseBody, sleep } from './transport.js';

/** An application token: the consumer key and secret of one environment (sandbox or production). */
export interface ClientCredentialsAuth {
  grant: 'client_credentials';
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/** A user token for an API Store user of the same account (how PSI partners authenticate). */
export interface PasswordAuth {
  grant: 'password';
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  scope?: string;
}

/** A token obtained elsewhere; the SDK never refreshes it. */
export interface StaticTokenAuth {
  accessToken: string;
}

export type AtlasAuth = ClientCredentialsAuth | PasswordAuth | StaticTokenAuth;

/** The Token API's answer (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}

interface HeldToken {
  accessToken: string;
  refreshToken: string | undefined;
  /** Epoch ms after which the token is refreshed (its expiry minus the margin). */
  refreshAt: number;
}

export interface TokenManagerOptions {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** Refresh this many seconds before expiry (default 60, at most half the token's lifetime). */
  refreshMarginSeconds?: number;
  now?: () => number;
}

const TOKEN_PATH = '/oauth2/token';
/** Token API answers worth one more try (the endpoint is throttled per client and per IP). */
const TRANSIENT = new Set([429, 502, 503, 504]);

/**
 * Gets and keeps the access token: fetched on first use, refreshed shortly before it expires (with the refresh
 * token when there is one, else the original grant), and re-fetched when the API answers 401. However many calls
 * run at once, at most ONE token request is in flight: the others wait for it.
 */
export class TokenManager {
  private held: HeldToken | undefined;
  private inFlight: Promise<HeldToken> | undefined;
  private readonly now: () => number;
  private readonly margin: number;

  constructor(
    private readonly auth: AtlasAuth,
    private readonly options: TokenManagerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.margin = options.refreshMarginSeconds ?? 60;
    if ('accessToken' in auth) this.held = { accessToken: auth.accessToken, refreshToken: undefined, refreshAt: Number.POSITIVE_INFINITY };
  }

  /** A valid access token; fetches or refreshes one when needed. `signal` cancels the wait, not the shared request. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const held = this.held;
    if (held && this.now() < held.refreshAt) return held.accessToken;
    if (!this.inFlight) {
      this.inFlight = this.obtain(held).finally(() => {
        this.inFlight = undefined;
      });
    }
    return (await abortable(this.inFlight, signal)).accessToken;
  }

  /** Drops `accessToken` when it is still the current one (the API refused it); the next call fetches a new one. */
  invalidate(accessToken: string): boolean {
    if (!this.held || this.held.accessToken !== accessToken || 'accessToken' in this.auth) return false;
    this.held = { ...this.held, refreshAt: 0 };
    return true;
  }

  /** Whether a refused token can be replaced (not for a static token). */
  get renewable(): boolean {
    return !('accessToken' in this.auth);
  }

  /** Revokes the refresh token (else the access token) at /oauth2/revoke and forgets both. */
  async revoke(signal?: AbortSignal): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (!held || 'accessToken' in this.auth) return;
    const form = new URLSearchParams(held.refreshToken ? { token: held.refreshToken, token_type_hint: 'refresh_token' } : { token: held.accessToken });
    const answer = await exchange(this.options.fetch, this.url('/oauth2/revoke'), this.formRequest(form), this.options.timeoutMs, signal);
    if (answer.status !== 200) throw errorFromResponse(answer.status, answer.headers, parseBody(answer), true);
  }

  private async obtain(previous: HeldToken | undefined): Promise<HeldToken> {
    const auth = this.auth as ClientCredentialsAuth | PasswordAuth;
    if (previous?.refreshToken) {
      try {
        return await this.request(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: previous.refreshToken }), false);
      } catch (error) {
        // A refresh token that expired or was revoked (or rotated by another process) is no reason to fail the
        // call: the original grant still works. Anything else (bad client credentials, network) is raised.
        if (!(error instanceof OAuthError && error.error === 'invalid_grant')) throw error;
      }
    }
    const form = new URLSearchParams(
      auth.grant === 'password' ? { grant_type: 'password', username: auth.username, password: auth.password } : { grant_type: 'client_credentials' },
    );
    if (auth.scope) form.set('scope', auth.scope);
    return this.request(form, true);
  }

  private async request(form: URLSearchParams, retryable: boolean): Promise<HeldToken> {
    // A refresh token is single-use (rotation): repeating a refresh whose answer got lost would reuse it and revoke
    // its family, so only the original grants are retried.
    const attempts = retryable ? 3 : 1;
    for (let attempt = 1; ; attempt++) {
      let answer: Awaited<ReturnType<typeof exchange>>;
      try {
        answer = await exchange(this.options.fetch, this.url(TOKEN_PATH), this.formRequest(form), this.options.timeoutMs);
      } catch (error) {
        if (attempt >= attempts) throw error;
        await sleep(250 * attempt);
        continue;
      }
      const body = parseBody(answer);
      if (answer.status === 200) return this.hold(body as TokenResponse);
      const error = errorFromResponse(answer.status, answer.headers, body, true);
      if (attempt >= attempts || !TRANSIENT.has(answer.status)) throw error;
      await sleep(Math.min(error instanceof AtlasHttpError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 250 * attempt, 30_000));
    }
  }

  private hold(token: TokenResponse): HeldToken {
    const lifetime = Number(token.expires_in) || 3600;
    const margin = Math.min(this.margin, lifetime / 2);
    this.held = { accessToken: token.access_token, refreshToken: token.refresh_token, refreshAt: this.now() + (lifetime - margin) * 1000 };
    return this.held;
  }

  private formRequest(form: URLSearchParams): RequestInit {
    const auth = this.auth as ClientCredentialsAuth | PasswordAuth;
    // RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding.
    const basic = btoa(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`);
    return {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    };
  }

  private url(path: string): string {
    return `${this.options.baseUrl}${path}`;
  }
}
