/**
 * P4: outbound notification deliveries. Atlas's dispatcher (as `atlas worker` runs it) sends a backlog of outbox
 * events to a local receiver that answers 200, while a second endpoint of the same account answers only after 5 s.
 * Target: ≥ 2,000 deliveries/s sustained to the fast receiver. Baseline: the receiver's own capacity for the same
 * kind of call, measured with autocannon in the same run (the ratio says how much of it the dispatcher uses).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../apps/server/src/config.ts';
import { migrateToLatest, openDatabase } from '../apps/server/src/db/database.ts';
import { createAccount } from '../apps/server/src/modules/identity/account.service.ts';
import { createEndpoint } from '../apps/server/src/modules/notifications/endpoints.service.ts';
import { recordEvent } from '../apps/server/src/modules/notifications/outbox.ts';
import { createSecretBox } from '../apps/server/src/modules/notifications/secret-box.ts';
import { serviceContext } from '../apps/server/src/runtime.ts';
import { startServer } from './lib/children.ts';
import { type Comparison, type Summary, summarize } from './lib/compare.ts';
import { BenchmarkDefect, type RunResult, runLoad, type Target } from './lib/load.ts';
import { type BenchmarkReport, check, type RunContext } from './lib/report-types.ts';

/** Events for the fast endpoint; a share of them (cancellations) also goes to the slow one. */
const EVENTS = 20_000;
const SLOW_EVERY = 40;
const TARGET_PER_SECOND = 2_000;

interface ReceiverInfo {
  fastPath: string;
  slowPath: string;
  countPath: string;
}

function payload(code: string, reason: string) {
  return {
    booking_code: code,
    status: reason === 'BOOKING_CANCELLED' ? 'cancelled' : 'confirmed',
    previous_status: 'held',
    version: 1,
    change_reason: reason,
    effective_at: new Date().toISOString(),
    starts_at: '2026-02-10T14:30:00.000Z',
    ends_at: '2026-02-10T16:30:00.000Z',
    previous_starts_at: null,
    delivery_mode: 'SITE_PROCTORED',
    test: { test_code: 'CPA-AUD', test_version: 1, title: 'CPA Auditing', portions: [{ portion_code: 'P1', portion_name: 'Part one' }] },
    candidate: { candidate_id: 'C-1001', first_name: 'Ada', last_name: 'Lovelace', middle_name: null },
    eligibility_code: 'EL8K2M4P6Q',
    client_eligibility_id: 'CLIENT-77',
    location: { location_code: 'NYC01', name: 'New York Midtown', address: '1 Main St, New York, NY 10001, US', timezone: 'America/New_York' },
    cancellation: null,
  };
}

/** The receiver's database: one account, a fast and a slow endpoint, and the backlog of events, written through the real services. */
async function seed(sqliteFile: string, origin: string, info: ReceiverInfo): Promise<{ fastEndpoint: string; slowEndpoint: string; slowEvents: number }> {
  const database = openDatabase({ sqliteFile });
  try {
    await migrateToLatest(database.db);
    const ctx = serviceContext(database);
    const { account } = await createAccount(ctx, { name: 'P4 Board', roles: ['psiBooking'] }, 'coordinator:bench');
    const deps = { mode: 'development' as const, box: createSecretBox(loadConfig({}).encryptionKey) };
    const caller = { accountId: account.id, environment: 'production' as const, actor: 'bench', roles: new Set(['psiBooking']) };
    const fast = await createEndpoint(ctx, deps, caller, { service: 'booking-notification', url: `${origin}${info.fastPath}` }, undefined);
    const slow = await createEndpoint(
      ctx,
      deps,
      caller,
      { service: 'booking-notification', url: `${origin}${info.slowPath}`, events: ['booking.cancelled'] },
      undefined,
    );
    let slowEvents = 0;
    for (let start = 0; start < EVENTS; start += 1000) {
      await database.db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(start + 1000, EVENTS); i++) {
          const code = `P4${String(i).padStart(8, '0')}`;
          const cancelled = i % SLOW_EVERY === 0;
          if (cancelled) slowEvents += 1;
          await recordEvent(trx, ctx, {
            accountId: account.id,
            environment: 'production',
            service: 'booking-notification',
            type: cancelled ? 'booking.cancelled' : 'booking.created',
            entityType: 'booking',
            entityId: code,
            entityVersion: 1,
            payload: payload(code, cancelled ? 'BOOKING_CANCELLED' : 'BOOKING_CREATED'),
          });
        }
      });
    }
    return { fastEndpoint: fast.body.endpoint_id, slowEndpoint: slow.body.endpoint_id, slowEvents };
  } finally {
    await database.close();
  }
}

async function counts(origin: string, info: ReceiverInfo): Promise<{ fast: number; unique: number; slow: number }> {
  const response = await fetch(`${origin}${info.countPath}`);
  return (await response.json()) as { fast: number; unique: number; slow: number };
}

function deliveredCount(sqliteFile: string, endpointId: string): number {
  const db = new SQLite(sqliteFile, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from delivery where endpoint_id = ? and status = ?').get(endpointId, 'delivered') as { n: number }).n;
  } finally {
    db.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function runP4(ctx: RunContext): Promise<BenchmarkReport> {
  ctx.log(`P4: outbound deliveries (${EVENTS.toLocaleString('en-US')} events) vs the receiver's own capacity, with a 5-s endpoint alongside`);
  const receiver = await startServer<ReceiverInfo>('webhook-receiver', 'webhook-receiver.ts');
  const info = receiver.info;
  const dataDir = path.join(ctx.workDir, 'p4');
  fs.mkdirSync(dataDir, { recursive: true });
  const sqliteFile = path.join(dataDir, 'atlas.sqlite');
  let dispatcher: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    // Baseline: the receiver taking a typical delivery (a v2 booking envelope with Standard Webhooks headers).
    const body = JSON.stringify({
      id: 'evt_x',
      type: 'booking.created',
      occurred_at: new Date().toISOString(),
      data: payload('P4BASELINE', 'BOOKING_CREATED'),
    });
    const target: Target = {
      label: 'receiver alone (autocannon POST)',
      url: `${receiver.origin}${info.fastPath}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': 'evt_x', 'webhook-timestamp': '1767603600', 'webhook-signature': `v1,${'A'.repeat(44)}` },
      body,
      verifyBody: (answer) => answer === 'ok',
    };
    if (ctx.warmupS > 0) await runLoad(target, receiver, { connections: ctx.connections, durationS: ctx.warmupS });
    const baselineRuns: RunResult[] = [];
    for (let round = 0; round < ctx.rounds; round++)
      baselineRuns.push(await runLoad(target, receiver, { connections: ctx.connections, durationS: ctx.durationS }));
    const baseline = summarize(baselineRuns);
    ctx.log(`  receiver capacity: ${Math.round(baseline.requestsPerSecond)} calls/s (median of ${ctx.rounds})`);

    const seeded = await seed(sqliteFile, receiver.origin, info);
    ctx.log(`  seeded ${EVENTS} events (${seeded.slowEvents} also for the 5-s endpoint)`);
    dispatcher = await startServer('atlas-dispatcher', 'atlas-dispatcher.ts', {
      env: { ATLAS_BENCH_DISPATCHER: JSON.stringify({ sqliteFile, logLevel: 'warn' }) },
      // With --profile the dispatcher writes a V8 CPU profile of the whole run when it exits.
      nodeArgs: ctx.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`] : undefined,
    });
    const before = await counts(receiver.origin, info);
    const cpuBefore = await dispatcher.cpu();
    const started = performance.now();
    await fetch(`${dispatcher.origin}/start`);
    const samples: { at: number; fast: number }[] = [];
    let slowAtEnd = 0;
    let calls = 0;
    for (;;) {
      const now = await counts(receiver.origin, info);
      // The baseline's calls all carry one webhook-id: distinct ids beyond it are the deliveries.
      const fast = now.unique - before.unique;
      calls = now.fast - before.fast;
      samples.push({ at: performance.now() - started, fast });
      slowAtEnd = now.slow - before.slow;
      // Done when every event arrived and every delivery is recorded (a retried one is recorded on its retry).
      if (fast >= EVENTS && deliveredCount(sqliteFile, seeded.fastEndpoint) === EVENTS) break;
      if (performance.now() - started > 180_000) throw new BenchmarkDefect(`P4: only ${fast} of ${EVENTS} deliveries arrived in 180 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cpuAfter = await dispatcher.cpu();
    const elapsedMs = performance.now() - started;
    // Sustained: between 10 % and 90 % of the backlog, leaving out the start (process warm-up) and the tail.
    const from = samples.find((s) => s.fast >= EVENTS * 0.1) as { at: number; fast: number };
    const to = samples.find((s) => s.fast >= EVENTS * 0.9) as { at: number; fast: number };
    ctx.log(`  ${calls - EVENTS} calls arrived more than once (at least once: a failed attempt the receiver had already seen is retried)`);
    const sustained = ((to.fast - from.fast) / (to.at - from.at)) * 1000;
    await dispatcher.stop();
    dispatcher = undefined;

    const db = new SQLite(sqliteFile, { readonly: true });
    const delivered = (
      db.prepare('select count(*) as n from delivery where endpoint_id = ? and status = ?').get(seeded.fastEndpoint, 'delivered') as { n: number }
    ).n;
    const latencies = (
      db
        .prepare('select a.latency_ms as ms from delivery_attempt a join delivery d on d.id = a.delivery_id where d.endpoint_id = ?')
        .all(seeded.fastEndpoint) as {
        ms: number;
      }[]
    )
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const attempts = (db.prepare('select count(*) as n from delivery_attempt').get() as { n: number }).n;
    const attemptsNotDelivered = (
      db.prepare("select count(*) as n from delivery_attempt where outcome != 'delivered' and status_code is null").get() as { n: number }
    ).n;
    db.close();
    if (delivered !== EVENTS) throw new BenchmarkDefect(`P4: ${delivered} of ${EVENTS} fast deliveries recorded as delivered`);
    const cpuMs = (cpuAfter.userUs - cpuBefore.userUs + cpuAfter.systemUs - cpuBefore.systemUs) / 1000;
    const subject: Summary = {
      label: 'Atlas dispatcher (atlas worker) → receiver',
      requestsPerSecond: sustained,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      serverCpu: cpuMs / (cpuAfter.wallMs - cpuBefore.wallMs),
      serverCpuUsPerRequest: (cpuMs * 1000) / EVENTS,
      loadGeneratorCpu: Number.NaN,
      totalRequests: EVENTS,
    };
    ctx.log(
      `  dispatcher: ${Math.round(sustained)} deliveries/s sustained (10–90 %), all ${EVENTS} in ${(elapsedMs / 1000).toFixed(1)} s; ` +
        `the 5-s endpoint had ${slowAtEnd} calls started meanwhile; dispatcher CPU ${Math.round(subject.serverCpu * 100)}%`,
    );
    const comparison: Comparison = {
      baseline,
      subject,
      ratio: sustained / baseline.requestsPerSecond,
      ratioOfMedians: sustained / baseline.requestsPerSecond,
      rounds: [],
    };
    return {
      id: 'P4',
      title: 'outbound deliveries to a local receiver',
      baselineName: 'receiver alone (autocannon POST, same body)',
      subjectName: 'Atlas dispatcher → receiver (SQLite, 5-s endpoint alongside)',
      connections: ctx.connections,
      comparison,
      targets: [check('deliveries/s sustained', sustained, '>=', TARGET_PER_SECOND, 'deliveries/s')],
      facts: {
        events: EVENTS,
        elapsedS: elapsedMs / 1000,
        attemptsRecorded: attempts,
        deliveredToFastEndpoint: delivered,
        slowEndpointCallsStartedDuringRun: slowAtEnd,
        slowEndpointEvents: seeded.slowEvents,
        callsReceived: calls,
        duplicateCalls: calls - EVENTS,
        attemptsNotDelivered: attemptsNotDelivered,
        dispatcherCpuUsPerDelivery: subject.serverCpuUsPerRequest,
        receiverCapacityRuns: baselineRuns.map((r) => r.requestsPerSecond),
      },
    };
  } finally {
    await dispatcher?.stop();
    await receiver.stop();
  }
}
