/**
 * Outbound HTTP for deliveries (undici 7): keep-alive connection pools per receiver origin, a 15 s limit on the
 * whole call, no redirects (undici's request follows none), the answer read to at most 1 KiB for the attempt log.
 * The SSRF guard runs again at CONNECTION time: the socket's DNS lookup refuses internal addresses (a name that was
 * public at registration may point inside later), and literal-IP URLs are checked before any connection.
 */
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import type { AtlasMode } from '../../../config.ts';
import { addressRefusal, type Resolver, systemResolver, urlRefusal } from '../ssrf.policy.ts';
import { excerpt, RESPONSE_EXCERPT_BYTES } from './delivery.policy.ts';

export const DELIVERY_TIMEOUT_MS = 15_000;
/** Beyond the excerpt, a receiver's answer is drained up to this much (keeps the connection); a longer one closes it. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

export interface WebhookRequest {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string;
}

export interface WebhookResponse {
  /** null when no answer came (refused address, connection error, timeout). */
  statusCode: number | null;
  retryAfter: string | undefined;
  excerpt: string | null;
  error: string | null;
  latencyMs: number;
}

export interface WebhookClientOptions {
  mode: AtlasMode;
  resolve?: Resolver;
  timeoutMs?: number;
  /** Keep-alive connections per receiver origin. */
  connectionsPerOrigin?: number;
}

type LookupCallback = (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void;

/** A `net.connect` lookup that resolves, then refuses the whole name if any address is internal. */
export function guardedLookup(mode: AtlasMode, resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), []);
        for (const address of addresses) {
          const refusal = addressRefusal(address, mode);
          if (refusal)
            return callback(Object.assign(new Error(`refused at connection: ${hostname} resolves to ${refusal.reason}`), { code: 'EATLASSSRF' }), []);
        }
        if (options.all)
          return callback(
            null,
            addresses.map((address) => ({ address, family: isIP(address) })),
          );
        const first = addresses[0] as string;
        return callback(null, first, isIP(first));
      },
      (error: Error) => callback(error, []),
    );
  };
}

function describeError(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT')
    return 'timeout: no answer within the delivery time limit';
  const cause = e?.cause?.message ?? '';
  return `${e?.code ?? e?.cause?.code ?? 'error'}: ${e?.message ?? 'request failed'}${cause && cause !== e?.message ? ` (${cause})` : ''}`.slice(0, 500);
}

export class WebhookClient {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly refusals = new Map<string, string | null>();

  constructor(private readonly options: WebhookClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? 64,
      keepAliveTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connect: { timeout: Math.min(10_000, this.timeoutMs), lookup: guardedLookup(options.mode, options.resolve) as never },
    });
  }

  /** Scheme and literal-address rules of the URL (DNS names are checked by the lookup); cached per URL. */
  private staticRefusal(url: string): string | null {
    let refusal = this.refusals.get(url);
    if (refusal === undefined) {
      try {
        refusal = urlRefusal(new URL(url), this.options.mode)?.reason ?? null;
      } catch {
        refusal = 'not an absolute URL';
      }
      if (this.refusals.size > 10_000) this.refusals.clear();
      this.refusals.set(url, refusal);
    }
    return refusal;
  }

  async send(call: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refusal = this.staticRefusal(call.url);
    if (refusal) return { statusCode: null, retryAfter: undefined, excerpt: null, error: `refused: ${refusal}`, latencyMs: 0 };
    try {
      const response = await request(call.url, {
        dispatcher: this.agent,
        method: call.method,
        headers: call.headers,
        body: call.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const parts: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        if (size < RESPONSE_EXCERPT_BYTES + 4) parts.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (size > DRAIN_LIMIT_BYTES) {
          response.body.destroy();
          break;
        }
      }
      const retryAfter = response.headers['retry-after'];
      return {
        statusCode: response.statusCode,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        excerpt: size > 0 ? excerpt(Buffer.concat(parts)) : null,
        error: null,
        latencyMs: elapsed(),
      };
    } catch (error) {
      return { statusCode: null, retryAfter: undefined, excerpt: null, error: describeError(error), latencyMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
