/**
 * A floor for P1, not a product: the least code that does a whoami's work, written by hand in one Fastify handler with
 * every per-request fact precomputed. Per request it does what P1 names (bearer token, IP allow-list, role,
 * subscription, throttle, one row read) plus what any Atlas answer must carry: a request id, the security and
 * RateLimit-* headers, a usage count, one access-log line (pino, the same buffered destination as Atlas) and the same
 * 1.5 KB whoami body serialised through its schema. No other hooks, no plugins, no Kysely. If this floor is near 0.40
 * of bare Fastify, the gap to P1 is Atlas's own structure; if it is below, P1's ratio is out of reach on this machine.
 * Two switches (MINIMAL_GATEWAY_OPTIONS) take work away to show what each costs: the access-log line, and the whoami
 * body (replaced by the row that was read, ~130 bytes).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { BlockList } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pino from 'pino';
import { Type } from 'typebox';
import { WhoAmI } from '../../apps/server/src/modules/getting-started/getting-started.schemas.ts';
import { hashSecret } from '../../apps/server/src/platform/secrets.ts';
import type { MinimalGatewayOptions } from '../lib/protocol.ts';
import { runChild } from './child.ts';

const ApplicationRowBody = Type.Object({
  account_code: Type.String(),
  application_id: Type.String(),
  application_name: Type.String(),
  throttling_tier: Type.String(),
});

const MINUTE = 60_000;
const DAY = 86_400_000;
const ROLES = ['psiBooking', 'psiEligibility', 'psiPayment', 'psiProctoring', 'psiResults', 'psiTestCenter', 'psiTestPublication', 'psiVoucher'];
const SERVICES = ['getting-started', ...Array.from({ length: 14 }, (_, i) => `service-${String(i).padStart(2, '0')}`)];

interface Principal {
  accountCode: string;
  applicationId: string;
  environment: 'production';
  roles: Set<string>;
  subscriptions: Map<string, { tier: string; status: string; perMinute: number; perDay: number }>;
  allowList: BlockList;
  ipDecisions: Map<string, boolean>;
  expiresAtMs: number;
}

runChild(async () => {
  const options: MinimalGatewayOptions = { accessLog: true, body: 'whoami', ...JSON.parse(process.env.MINIMAL_GATEWAY_OPTIONS ?? '{}') };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-minimal-gateway-'));
  const db = new SQLite(path.join(dir, 'minimal.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(
    'create table application (id text primary key, account_id text not null, name text not null, throttling_tier text not null, created_at text not null)',
  );
  const insert = db.prepare('insert into application values (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) insert.run(`app-${i}`, `acct-${i}`, `Application ${i}`, 'Bench', new Date().toISOString());
  })();
  const readApplication = db.prepare('select name, throttling_tier from application where id = ?');

  const token = `atk_${randomBytes(32).toString('base64url')}`;
  const allowList = new BlockList();
  allowList.addSubnet('127.0.0.0', 8, 'ipv4');
  const principal: Principal = {
    accountCode: 'K7M2Q9XD',
    applicationId: 'app-7',
    environment: 'production',
    roles: new Set(ROLES),
    subscriptions: new Map(SERVICES.map((s) => [s, { tier: 'Bench', status: 'active', perMinute: 1e9, perDay: 1e12 }])),
    allowList,
    ipDecisions: new Map(),
    expiresAtMs: Date.now() + 3_600_000,
  };
  const tokens = new Map([[hashSecret(token), principal]]);
  const counters = new Map<string, { start: number; count: number }>();
  const usage = new Map<string, number>();
  const issuedAt = new Date().toISOString();

  const log = pino({ level: 'info' }, pino.destination({ dest: path.join(dir, 'access.log'), sync: false, minLength: 8192 }));
  const app = Fastify({ logger: false });
  const hit = (key: string, windowMs: number, nowMs: number) => {
    const start = nowMs - (nowMs % windowMs);
    let entry = counters.get(key);
    if (!entry || entry.start !== start) {
      entry = { start, count: 0 };
      counters.set(key, entry);
    }
    entry.count += 1;
    return entry;
  };
  if (options.accessLog) {
    app.addHook('onResponse', (request, reply, done) => {
      log.info(
        { reqId: request.id, method: 'GET', route: '/getting-started/v2/whoami', status: reply.statusCode, ms: reply.elapsedTime, ip: request.ip },
        'request',
      );
      done();
    });
  }
  const refused = { type: 'object', properties: { error: { type: 'string' } } };
  const response = { 200: options.body === 'whoami' ? WhoAmI : ApplicationRowBody, 401: refused, 403: refused };
  app.get('/getting-started/v2/whoami', { schema: { response } }, async (request, reply) => {
    const nowMs = Date.now();
    reply.header('X-Request-Id', randomUUID());
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'no-store');
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const caller = bearer ? tokens.get(hashSecret(bearer)) : undefined;
    if (!caller || caller.expiresAtMs <= nowMs) return reply.code(401).send({ error: 'invalid_token' });
    let allowed = caller.ipDecisions.get(request.ip);
    if (allowed === undefined) {
      allowed = caller.allowList.check(request.ip, 'ipv4');
      caller.ipDecisions.set(request.ip, allowed);
    }
    if (!allowed) return reply.code(403).send({ error: 'ip_not_allowed' });
    const subscription = caller.subscriptions.get('getting-started');
    if (!caller.roles.has('psiBooking') || subscription?.status !== 'active') return reply.code(403).send({ error: 'forbidden' });
    const key = `${caller.applicationId}:${caller.environment}:getting-started`;
    const minute = hit(`${key}|m`, MINUTE, nowMs);
    const day = hit(`${key}|d`, DAY, nowMs);
    reply.header('RateLimit-Limit', String(subscription.perMinute));
    reply.header('RateLimit-Remaining', String(Math.min(subscription.perMinute - minute.count, subscription.perDay - day.count)));
    reply.header('RateLimit-Reset', String(Math.ceil((minute.start + MINUTE - nowMs) / 1000)));
    const usageKey = `${Math.floor(nowMs / MINUTE)}|${key}|whoAmI|200`;
    usage.set(usageKey, (usage.get(usageKey) ?? 0) + 1);
    const application = readApplication.get(caller.applicationId) as { name: string; throttling_tier: string };
    if (options.body === 'row') {
      return {
        account_code: caller.accountCode,
        application_id: caller.applicationId,
        application_name: application.name,
        throttling_tier: application.throttling_tier,
      };
    }
    return {
      account_code: caller.accountCode,
      account_name: 'Bench Board',
      application_id: caller.applicationId,
      application_name: application.name,
      environment: caller.environment,
      user: null,
      scope: ROLES.join(' '),
      roles: ROLES,
      subscriptions: SERVICES.map((service) => ({ service, tier: 'Bench', status: 'active' })),
      throttling_tier: application.throttling_tier,
      token: { issued_at: issuedAt, expires_at: new Date(caller.expiresAtMs).toISOString(), expires_in: Math.floor((caller.expiresAtMs - nowMs) / 1000) },
      client_ip: request.ip,
      ip_allow_list: ['127.0.0.0/8', '::1/128'],
    };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    port: (app.server.address() as AddressInfo).port,
    info: { path: '/getting-started/v2/whoami', token },
    close: async () => {
      await app.close();
      log.flush();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
