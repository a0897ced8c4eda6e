/**
 * The calibration point targets.md quotes beside P1 ("a hashed opaque-token lookup in SQLite about 0.55" of bare
 * Fastify): bare Fastify (no logger, no hooks, no schema) whose one GET hashes the bearer token with SHA-256, reads
 * its row by that hash from a file-backed SQLite database in WAL mode (a cached better-sqlite3 statement), and answers
 * the same small JSON as the P1 baseline — 401 when no row matches. Nothing else: no gateway, no access log.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { hashSecret } from '../../apps/server/src/platform/secrets.ts';
import { runChild } from './child.ts';

const BODY = { hello: 'world', service: 'bare-fastify' };
const TOKENS = 10_000;

runChild(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-token-lookup-'));
  const db = new SQLite(path.join(dir, 'tokens.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('create table token (hash text primary key, application_id text not null, expires_at integer not null)');
  const insert = db.prepare('insert into token (hash, application_id, expires_at) values (?, ?, ?)');
  const tokens = Array.from({ length: TOKENS }, () => randomBytes(32).toString('base64url'));
  db.transaction(() => {
    for (const [i, token] of tokens.entries()) insert.run(hashSecret(token), `app-${i}`, Date.now() + 3_600_000);
  })();
  const find = db.prepare('select application_id, expires_at from token where hash = ?');

  const app = Fastify({ logger: false });
  app.get('/token-lookup', async (request, reply) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const row = token ? (find.get(hashSecret(token)) as { application_id: string; expires_at: number } | undefined) : undefined;
    if (!row || row.expires_at <= Date.now()) return reply.code(401).send({ error: 'invalid_token' });
    return BODY;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    port: (app.server.address() as AddressInfo).port,
    info: { path: '/token-lookup', token: tokens[0] },
    close: async () => {
      await app.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
