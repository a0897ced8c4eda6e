import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { listJobLeases, tryTakeJobLease } from '../../src/jobs/job-lease.repository.ts';
import { type Job, leaseMsOf, startWorker } from '../../src/jobs/worker.ts';
import { systemClock } from '../../src/platform/clock.ts';
import type { ServiceContext } from '../../src/platform/context.ts';
import { createIdGenerator } from '../../src/platform/ids.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../harness.ts';

const silent = pino({ level: 'silent' }) as never;
const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2026, 4, 1, 12, 0, 0);

describe.each(DIALECTS)('job leases (%s)', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => {
    await database?.close();
  });

  it('gives a free lease to one holder and refuses it to others until it expires', async () => {
    database = await createTestDatabase(dialect);
    const take = (holder: string, nowMs: number) => tryTakeJobLease(database.db, { name: 'hold-expiry', holder, now: iso(nowMs), until: iso(nowMs + 9000) });
    expect(await take('worker-a', T0)).toBe(true);
    expect(await take('worker-b', T0 + 1)).toBe(false);
    expect(await take('worker-a', T0 + 8999)).toBe(false);
    expect(await take('worker-b', T0 + 9000)).toBe(true);
    expect(await listJobLeases(database.db)).toMatchObject([{ name: 'hold-expiry', holder: 'worker-b', leased_until: iso(T0 + 18_000) }]);
  });

  it('lets exactly one of many simultaneous workers take a lease', async () => {
    database = await createTestDatabase(dialect);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      tryTakeJobLease(database.db, { name: 'no-show', holder: `worker-${i}`, now: iso(T0), until: iso(T0 + 60_000) }),
    );
    expect((await Promise.all(attempts)).filter(Boolean)).toHaveLength(1);
  });

  it('runs a scheduled job once per tick across two workers, and an every-worker job on both', async () => {
    database = await createTestDatabase(dialect);
    const ctx: ServiceContext = { db: database.db, clock: systemClock, ids: createIdGenerator() };
    const runs: { job: string; holder: string; at: number }[] = [];
    const intervalMs = 300;
    const jobs = (holder: string): Job[] => [
      { name: 'cluster-once', intervalMs, run: async () => runs.push({ job: 'cluster-once', holder, at: Date.now() }) },
      { name: 'dispatch', intervalMs, everyWorker: true, run: async () => runs.push({ job: 'dispatch', holder, at: Date.now() }) },
    ];
    const workers = [startWorker(ctx, silent, { jobs: jobs('a'), holder: 'a' }), startWorker(ctx, silent, { jobs: jobs('b'), holder: 'b' })];
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await Promise.all(workers.map((w) => w.stop()));

    const once = runs.filter((r) => r.job === 'cluster-once').map((r) => r.at);
    // Six ticks per worker in 1.6 s: twelve runs without the lease, about six with it.
    expect(once.length).toBeGreaterThanOrEqual(3);
    expect(once.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < once.length; i++) expect((once[i] as number) - (once[i - 1] as number)).toBeGreaterThanOrEqual(leaseMsOf(intervalMs) - 50);
    const dispatchers = new Set(runs.filter((r) => r.job === 'dispatch').map((r) => r.holder));
    expect(dispatchers).toEqual(new Set(['a', 'b']));
  });
});
