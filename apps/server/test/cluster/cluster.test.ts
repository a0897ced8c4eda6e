import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobLeases } from '../../src/jobs/job-lease.repository.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { createIdGenerator } from '../../src/platform/ids.ts';
import { insertPartner, type TestPartner } from '../factories/partner.ts';
import { createTestDatabase, type TestApp, type TestDatabase } from '../harness.ts';
import { runCliJson } from '../support/cli.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { type ApiNode, awayFromMinuteBoundary, msUntil, startApiNode, startWorkerNode, statusOf, tokenFrom } from './support.ts';

/**
 * R6 of targets.md, on real processes: two `atlas serve --no-worker` and two `atlas worker` on one PostgreSQL and
 * one Redis. The nodes run with a token cache TTL of one minute, so anything seen within a second travelled through
 * the cluster bus, not through cache expiry.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.ATLAS_REDIS_URL;
const missing = [!databaseUrl && 'TEST_DATABASE_URL', !redisUrl && 'ATLAS_REDIS_URL'].filter(Boolean).join(' and ');

describe.skipIf(missing !== '')(
  `cluster of 2 API nodes + 2 workers on PostgreSQL and Redis${missing ? ` (skipped: ${missing} unset; CI sets both)` : ''}`,
  () => {
    let database: TestDatabase;
    let env: Record<string, string>;
    let nodes: ApiNode[] = [];
    let workers: ServerProcess[] = [];
    let t: TestApp;
    const PER_MINUTE = 12;
    let partner: TestPartner;

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      t = { ctx: { db: database.db, clock: systemClock, ids: createIdGenerator() } } as TestApp;
      partner = await insertPartner(t, { limits: { perMinute: PER_MINUTE } });
      env = {
        ATLAS_DATABASE_URL: database.url as string,
        ATLAS_REDIS_URL: redisUrl as string,
        ATLAS_TOKEN_CACHE_TTL_MS: '60000',
        ATLAS_LOG_LEVEL: 'warn',
      };
      nodes = await Promise.all([startApiNode(env), startApiNode(env)]);
      workers = [startWorkerNode(env), startWorkerNode(env)];
      await Promise.all(workers.map((w) => w.waitForOutput(/Atlas worker \S+ running/, 60_000)));
    }, 120_000);

    afterAll(async () => {
      await Promise.allSettled([...nodes.map((n) => n.process.stop()), ...workers.map((w) => w.stop())]);
      for (const p of [...nodes.map((n) => n.process), ...workers]) p.kill();
      await database?.close();
    }, 60_000);

    it('holds the tier limit across both API nodes (counters in Redis)', async () => {
      await awayFromMinuteBoundary();
      const token = await tokenFrom(nodes[0]!.origin, partner.production);
      const statuses: number[] = [];
      for (let i = 0; i < PER_MINUTE + 8; i++) statuses.push(await statusOf(`${nodes[i % 2]!.origin}/getting-started/v2/ping`, token));
      expect(statuses.filter((s) => s === 200)).toHaveLength(PER_MINUTE);
      expect(statuses.slice(PER_MINUTE).every((s) => s === 429)).toBe(true);
    });

    it('sees a revocation made on one node on the other within 1 s', async () => {
      const other = await insertPartner(t);
      const token = await tokenFrom(nodes[0]!.origin, other.production);
      // Node B caches the valid principal first.
      expect(await statusOf(`${nodes[1]!.origin}/getting-started/v2/whoami`, token)).toBe(200);
      const revoke = await fetch(`${nodes[0]!.origin}/oauth2/revoke`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${other.production.consumer_key}:${other.production.consumer_secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token }),
      });
      expect(revoke.status).toBe(200);
      const elapsed = await msUntil(async () => (await statusOf(`${nodes[1]!.origin}/getting-started/v2/whoami`, token)) === 401, 5000);
      expect(elapsed).toBeLessThan(1000);
    });

    it('sees a configuration change made by the admin CLI on both nodes within 1 s', async () => {
      const other = await insertPartner(t);
      const token = await tokenFrom(nodes[0]!.origin, other.production);
      for (const node of nodes) expect(await statusOf(`${node.origin}/vouchers/v2/batches`, token)).toBe(200);
      await runCliJson(['admin', 'subscription', 'remove', '--app', other.applicationId, '--service', 'vouchers'], env);
      for (const node of nodes) {
        const elapsed = await msUntil(async () => (await statusOf(`${node.origin}/vouchers/v2/batches`, token)) === 403, 5000);
        expect(elapsed).toBeLessThan(1000);
      }
    });

    it('lets both workers share one lease per scheduled job', async () => {
      const pids = workers.map((w) => String(w.child.pid));
      const elapsed = await msUntil(async () => (await listJobLeases(database.db)).length >= 4, 20_000);
      expect(elapsed).toBeLessThan(Number.POSITIVE_INFINITY);
      const leases = await listJobLeases(database.db);
      expect(new Set(leases.map((l) => l.name)).size).toBe(leases.length);
      for (const lease of leases) expect(pids).toContain(lease.holder.split(':')[1]);
      expect(workers.every((w) => w.running)).toBe(true);
    });
  },
);
