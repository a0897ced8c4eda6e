import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { listJobLeases } from '../../src/jobs/job-lease.repository.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { B2, bookingPartner, insertBookingCenter, insertOpenEligibility } from '../factories/booking.ts';
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

/** YYYY-MM-DD of `from` or the next Monday–Friday after it (the test centre opens on weekdays). */
function nextWeekday(from: Date): string {
  const day = new Date(from);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

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
      // An in-process app on the same database seeds partners and catalogue through the usual factories.
      const seeded = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent' }, database, clock: systemClock });
      t = { app: seeded.app, deps: seeded.deps, ctx: seeded.deps.ctx, clock: systemClock, database } as unknown as TestApp;
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
      await t?.app?.close();
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

    it('sells each seat once when a booking race runs across both API nodes', async () => {
      const p = await bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
      const centre = await insertBookingCenter(t, { seats: 10 });
      const day = nextWeekday(new Date(Date.now() + 10 * 86_400_000));
      const query = `test_code=${p.testCode}&location_code=${centre.location_code}&from=${day}T14:00:00Z&to=${day}T16:00:00Z`;
      const slots = await fetch(`${nodes[0]!.origin}${B2}/slots?${query}`, { headers: { authorization: `Bearer ${p.sandbox}` } });
      expect(slots.status).toBe(200);
      const slot = ((await slots.json()) as { data: { slot_id: string; seats_available: number }[] }).data[0];
      expect(slot?.seats_available).toBe(10);

      const eligibilities = [];
      for (let i = 0; i < 40; i++) eligibilities.push(await insertOpenEligibility(t, p));
      // Slots are weeks ahead of the real clock: keep every eligibility open until then.
      await database.db.updateTable('eligibility').set({ eligibility_end_date: '2099-12-31' }).where('account_id', '=', p.accountId).execute();
      const send = (i: number, path: string, body: unknown) =>
        fetch(`${nodes[i % 2]!.origin}${B2}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${p.sandbox}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));

      const holds = await Promise.all(eligibilities.map((e, i) => send(i, '/holds', { eligibility_code: e.code, slot_id: slot?.slot_id })));
      expect(holds.filter((h) => h.status === 201)).toHaveLength(10);
      expect(holds.filter((h) => h.status === 409).every((h) => h.body.code === 'BOOKING_SLOT_FULL')).toBe(true);
      expect(holds.filter((h) => h.status === 409)).toHaveLength(30);

      // Each winning hold is confirmed on both nodes at once: one confirmation each.
      const won = holds.filter((h) => h.status === 201).map((h) => h.body.hold_id);
      const confirmations = await Promise.all([...won, ...won].map((hold_id, i) => send(i, '/bookings', { hold_id })));
      expect(confirmations.filter((c) => c.status === 201)).toHaveLength(10);
      const bookings = await database.db.selectFrom('booking').select('id').where('account_id', '=', p.accountId).execute();
      expect(bookings).toHaveLength(10);
      const cells = await database.db.selectFrom('seat_cell').select(['taken', 'capacity']).where('environment', '=', 'sandbox').execute();
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) expect(Number(cell.taken)).toBeLessThanOrEqual(Number(cell.capacity));
    }, 60_000);

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
