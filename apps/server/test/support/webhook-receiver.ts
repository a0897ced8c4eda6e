import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** ms since the receiver started (performance clock). */
  at: number;
}

export interface ReceiverReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer only after this many ms. */
  delayMs?: number;
}

/** A real HTTP receiver on 127.0.0.1 that records every call and answers what `reply` says (200 by default). */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  reply: (call: ReceivedCall) => ReceiverReply = () => ({ status: 200, body: 'ok' });
  private readonly server: http.Server;
  private readonly started = performance.now();

  private constructor() {
    this.server = http.createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (chunk: Buffer) => parts.push(chunk));
      request.on('end', () => {
        const call: ReceivedCall = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(parts).toString('utf8'),
          at: performance.now() - this.started,
        };
        this.calls.push(call);
        const answer = this.reply(call);
        const send = () => {
          if (response.destroyed) return;
          response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
          response.end(answer.body ?? '');
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    this.server.keepAliveTimeout = 60_000;
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Calls whose path is `path`. */
  callsTo(path: string): ReceivedCall[] {
    return this.calls.filter((c) => c.url === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
