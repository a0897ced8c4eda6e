import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StubAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON (application/json unless headers say otherwise). */
  body?: unknown;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export type StubHandler = (request: RecordedRequest, index: number) => StubAnswer | Promise<StubAnswer>;

/**
 * A real HTTP server on 127.0.0.1 with a random port, so the SDK's fetch goes over the network stack like in
 * production. Each test sets `handler`; every request is recorded in order.
 */
export class StubServer {
  readonly requests: RecordedRequest[] = [];
  handler: StubHandler = () => ({ status: 404, body: { title: 'no handler', status: 404 } });
  private server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', async () => {
      const recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      this.requests.push(recorded);
      const answer = await this.handler(recorded, this.requests.length - 1);
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.destroyed) return;
      const headers = { ...answer.headers };
      let text = '';
      if (answer.body !== undefined) {
        text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
      }
      res.writeHead(answer.status ?? 200, headers).end(text);
    });
  });

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests to one path (query string ignored). */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.split('?')[0] === path);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  reset(handler: StubHandler): void {
    this.requests.length = 0;
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A Token API answer. */
export function tokenAnswer(accessToken: string, expiresIn = 3600, refreshToken?: string): StubAnswer {
  return {
    headers: { 'cache-control': 'no-store' },
    body: { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope: '', ...(refreshToken ? { refresh_token: refreshToken } : {}) },
  };
}

/** Parses an x-www-form-urlencoded body. */
export function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}
