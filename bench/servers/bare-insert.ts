/**
 * P3 baseline: bare Fastify (no logger, no hooks) with one POST that inserts one row into SQLite through a prepared
 * better-sqlite3 statement, with the pragmas Atlas uses (WAL, synchronous NORMAL), and answers the row's id.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { runChild } from './child.ts';

runChild(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-insert-'));
  const db = new SQLite(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table row (id text primary key, payload text not null, created_at text not null)');
  const insert = db.prepare('insert into row (id, payload, created_at) values (?, ?, ?)');
  const app = Fastify({ logger: false });
  app.post('/rows', async (request, reply) => {
    const id = randomUUID();
    insert.run(id, JSON.stringify(request.body), new Date().toISOString());
    return reply.code(201).send({ id });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    port: (app.server.address() as AddressInfo).port,
    info: { path: '/rows', sqliteFile: path.join(dir, 'bare.sqlite') },
    close: async () => {
      await app.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
