/**
 * P4's receiver: a bare node:http server that answers 200 "ok" to every call on `/hooks` (counted, and by distinct webhook-id), answers calls on
 * `/slow` only after 5 s (the slow partner), and reports its counts on `GET /count`. Its own capacity, measured with
 * autocannon in the same run, is P4's baseline.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runChild } from './child.ts';

export const SLOW_ANSWER_MS = 5_000;

runChild(async () => {
  let fast = 0;
  let slow = 0;
  // At least once: a call can arrive twice (e.g. the connection broke after we answered); count each event once too.
  const seen = new Set<string>();
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/count') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ fast, unique: seen.size, slow }));
      return;
    }
    request.resume();
    request.on('end', () => {
      if (request.url === '/slow') {
        slow += 1;
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('ok');
        }, SLOW_ANSWER_MS);
        return;
      }
      fast += 1;
      const id = request.headers['webhook-id'];
      if (typeof id === 'string') seen.add(id);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    info: { fastPath: '/hooks', slowPath: '/slow', countPath: '/count' },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});
