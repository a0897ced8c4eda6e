import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type AtlasDatabase, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { createAccount } from '../../src/modules/identity/account.service.ts';
import { createEndpoint } from '../../src/modules/notifications/endpoints.service.ts';
import { recordEvent } from '../../src/modules/notifications/outbox.ts';
import { createSecretBox } from '../../src/modules/notifications/secret-box.ts';
import { systemClock } from '../../src/platform/clock.ts';
import type { ServiceContext } from '../../src/platform/context.ts';
import { createIdGenerator } from '../../src/platform/ids.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../harness.ts';
import { bookingPayload } from '../http/notifications/dispatch-support.ts';
import { ServerProcess } from '../support/server-process.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

const EVENTS = 10_000;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * R2: `atlas worker` is killed with SIGKILL while 10,000 events are being delivered to a loopback receiver, then
 * started again. Every event must arrive at least once; a duplicate (a call the killed process made but could not
 * record) carries the same webhook-id and the same body. The lease is shortened to 3 s (ATLAS_DELIVERY_LEASE_SECONDS)
 * so the restarted worker takes over the dead one's deliveries within the test's time bound.
 */
describe.each(DIALECTS)('R2: kill -9 of the worker during 10,000 deliveries on %s', { timeout: 150_000 }, (dialect) => {
  let dataDir: string;
  let database: AtlasDatabase;
  let env: Record<string, string>;
  let receiver: WebhookReceiver;
  let worker: ServerProcess | undefined;
  const received = new Map<string, string[]>();

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-r2-'));
    if (dialect === 'postgres') {
      const pg: TestDatabase = await createTestDatabase('postgres');
      database = pg;
      env = { ATLAS_DATA_DIR: dataDir, ATLAS_DATABASE_URL: pg.url as string };
    } else {
      database = openDatabase({ sqliteFile: path.join(dataDir, 'atlas.sqlite') });
      await migrateToLatest(database.db);
      env = { ATLAS_DATA_DIR: dataDir };
    }
    env = { ...env, ATLAS_LOG_LEVEL: 'warn', ATLAS_DELIVERY_LEASE_SECONDS: '3' };
    receiver = await WebhookReceiver.start();
    receiver.reply = (call) => {
      const id = String(call.headers['webhook-id']);
      received.set(id, [...(received.get(id) ?? []), call.body]);
      return { status: 200 };
    };
    const ctx: ServiceContext = { db: database.db, clock: systemClock, ids: createIdGenerator() };
    const { account } = await createAccount(ctx, { name: 'Crash Board', roles: ['psiBooking'] }, 'coordinator:test');
    const box = createSecretBox(loadConfig({}).encryptionKey);
    const scope = { accountId: account.id, environment: 'sandbox' as const, actor: 'test', roles: new Set(['psiBooking']) };
    await createEndpoint(ctx, { mode: 'development', box }, scope, { service: 'booking-notification', url: receiver.url('/r2') }, undefined);
    for (let start = 0; start < EVENTS; start += 500) {
      await database.db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(start + 500, EVENTS); i++) {
          const code = `R2${String(i).padStart(8, '0')}`;
          await recordEvent(trx, ctx, {
            accountId: account.id,
            environment: 'sandbox',
            service: 'booking-notification',
            type: 'booking.created',
            entityType: 'booking',
            entityId: code,
            entityVersion: 1,
            payload: bookingPayload({ booking_code: code }),
          });
        }
      });
    }
  });

  afterAll(async () => {
    worker?.kill();
    await receiver?.close();
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every event at least once after a SIGKILL mid-flight; duplicates share webhook-id and body', async () => {
    worker = new ServerProcess(['worker'], env);
    await until(() => received.size >= EVENTS / 10, 60_000, `the first worker to deliver a tenth of the events (got ${received.size})\n${worker.describe()}`);
    worker.child.kill('SIGKILL');
    const exit = await worker.waitForExit(10_000);
    expect(exit.signal).toBe('SIGKILL');
    const atKill = received.size;
    expect(atKill).toBeLessThan(EVENTS);
    const unfinished = await database.db.selectFrom('delivery').select('id').where('status', '!=', 'delivered').execute();
    expect(unfinished.length + (await database.db.selectFrom('outbox_event').select('id').where('dispatched_at', 'is', null).execute()).length).toBeGreaterThan(
      0,
    );

    worker = new ServerProcess(['worker'], env);
    await until(() => received.size === EVENTS, 50_000, `every event (got ${received.size} of ${EVENTS})`);
    await until(
      async () => (await database.db.selectFrom('delivery').select('id').where('status', '!=', 'delivered').execute()).length === 0,
      15_000,
      'every delivery recorded as delivered',
    );
    const stopped = await worker.stop('SIGTERM');
    expect(stopped.code).toBe(0);

    const outbox = await database.db.selectFrom('outbox_event').select('id').execute();
    expect(new Set(received.keys())).toEqual(new Set(outbox.map((e) => e.id)));
    for (const [id, bodies] of received) {
      expect(new Set(bodies).size, `every copy of ${id} has the same body`).toBe(1);
      expect(JSON.parse(bodies[0] as string).id).toBe(id);
    }
    const deliveries = await database.db.selectFrom('delivery').select(['id', 'attempts']).execute();
    expect(deliveries).toHaveLength(EVENTS);
  });
});
