import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { RETRY_SCHEDULE_MS } from '../../src/modules/notifications/dispatch/delivery.policy.ts';
import { Dispatcher } from '../../src/modules/notifications/dispatch/dispatcher.ts';
import { createEndpoint } from '../../src/modules/notifications/endpoints.service.ts';
import { createSecretBox } from '../../src/modules/notifications/secret-box.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import type { ServiceContext } from '../../src/platform/context.ts';
import { createIdGenerator } from '../../src/platform/ids.ts';
import type { TestApp } from '../harness.ts';
import { DIALECTS } from '../harness.ts';
import { accountIdOf, recordBookingEvent } from '../http/notifications/dispatch-support.ts';
import { runCli, runCliJson, singleJsonObject } from '../support/cli.ts';
import { type CliTarget, createCliTarget } from '../support/cli-target.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

interface DeliveryJson {
  delivery_id: string;
  event_id: string;
  status: string;
  attempts: number;
}

/**
 * `admin deliveries …` as a coordinator runs it, against deliveries a dispatcher (in this process, on the CLI's
 * database, with a manual clock to run through the retry schedule) put in the error queue.
 */
describe.each(DIALECTS)('admin deliveries CLI on %s', { timeout: 120_000 }, (dialect) => {
  let target: CliTarget;
  let receiver: WebhookReceiver;
  let ctx: ServiceContext;
  let clock: ManualClock;
  let dispatcher: Dispatcher;
  let accountCode: string;
  let events: string[];

  const cli = <T = Record<string, unknown>>(...args: string[]) => runCliJson<T>(args, target.env);

  beforeAll(async () => {
    target = await createCliTarget(dialect, 'maria');
    receiver = await WebhookReceiver.start();
    let down = true;
    receiver.reply = () => (down ? { status: 500, body: 'down' } : { status: 200 });
    accountCode = (await cli<{ account_code: string }>('admin', 'account', 'create', '--name', 'Queue Board', '--roles', 'all')).account_code;
    clock = new ManualClock(new Date());
    ctx = { db: target.database().db, clock, ids: createIdGenerator(() => clock.now()) };
    const t = { ctx, clock } as unknown as TestApp;
    const accountId = await accountIdOf(t, accountCode);
    const config = loadConfig({});
    const box = createSecretBox(config.encryptionKey);
    await createEndpoint(
      ctx,
      { mode: 'development', box },
      { accountId, environment: 'production', actor: 'test', roles: new Set(['psiBooking']) },
      { service: 'booking-notification', url: receiver.url('/hooks') },
      undefined,
    );
    events = [];
    for (const code of ['CLIQ000001', 'CLIQ000002', 'CLIQ000003']) events.push(await recordBookingEvent(t, accountId, { code, environment: 'production' }));
    dispatcher = new Dispatcher(ctx, { mode: 'development', box }, { random: () => 0.5 });
    await dispatcher.drain();
    for (const wait of RETRY_SCHEDULE_MS) {
      clock.advance(wait);
      await dispatcher.drain();
    }
    down = false;
  });

  afterAll(async () => {
    await receiver?.close();
    await target?.close();
  });

  it('lists the error queue of any account, resends one, then resends the rest in bulk; the queue ends empty', async () => {
    const queue = await cli<{ data: DeliveryJson[] }>('admin', 'deliveries', 'list', '--account', accountCode, '--status', 'failed');
    expect(queue.data.map((d) => d.event_id).sort()).toEqual([...events].sort());
    expect(queue.data.every((d) => d.status === 'failed' && d.attempts === 8)).toBe(true);

    const shown = await cli<{ attempt_log: { status_code: number }[] }>('admin', 'deliveries', 'show', queue.data[0]?.delivery_id ?? '');
    expect(shown.attempt_log.map((a) => a.status_code)).toEqual(Array(8).fill(500));

    const resent = await cli<DeliveryJson>('admin', 'deliveries', 'resend', queue.data[0]?.delivery_id ?? '');
    expect(resent).toMatchObject({ status: 'pending' });
    const bulk = await cli('admin', 'deliveries', 'resend-failed', '--account', accountCode, '--from', new Date(Date.now() - 3_600_000).toISOString());
    expect(bulk).toMatchObject({ status: 'completed', total: 2, processed: 2 });

    await dispatcher.drain();
    const after = await cli<{ data: DeliveryJson[] }>('admin', 'deliveries', 'list', '--account', accountCode, '--status', 'failed');
    expect(after.data).toEqual([]);
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'actor']).where('action', 'like', 'notification_delivery.%').execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'notification_delivery.resent', actor: 'coordinator:maria' },
        { action: 'notification_delivery.bulk_resend_requested', actor: 'coordinator:maria' },
      ]),
    );
  });

  it('answers an unknown delivery and a bad option with one JSON error object and exit 1 or 2', async () => {
    const unknown = await runCli(['admin', 'deliveries', 'resend', 'dlv_nope', '--json'], target.env);
    expect(unknown.code).toBe(1);
    expect(singleJsonObject(unknown)).toMatchObject({ error: { code: 'NOTIFICATIONS_DELIVERY_NOT_FOUND' } });
    const bad = await runCli(['admin', 'deliveries', 'list', '--account', accountCode, '--status', 'lost', '--json'], target.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/--status takes pending, delivered, failed/);
  });
});
