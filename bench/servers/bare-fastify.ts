/** P1 baseline: bare Fastify (no logger, no hooks, no schema), one GET that answers a small JSON object. */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { runChild } from './child.ts';

const BARE_BODY = { hello: 'world', service: 'bare-fastify' };

runChild(async () => {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => BARE_BODY);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    port: (app.server.address() as AddressInfo).port,
    info: { path: '/hello' },
    close: () => app.close(),
  };
});
