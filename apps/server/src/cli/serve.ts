import { buildApp } from '../app.ts';
import type { AtlasConfig } from '../config.ts';
import { migrateToLatest } from '../db/database.ts';
import { startWorker } from '../jobs/worker.ts';
import { type DemoCredentials, readDemoCredentials, seedDemoSandbox } from '../modules/demo/demo-sandbox.ts';
import { countAccounts } from '../modules/identity/account.repository.ts';
import { startNotificationDispatcher } from '../modules/notifications/notifications.worker.ts';
import { configurePaymentProcessors } from '../modules/payment/payment-processor.ts';
import { createClusterBus, createRateCounter, openConfiguredDatabase, serviceContext, sqliteFileOf } from '../runtime.ts';

export interface ServeOptions {
  worker: boolean;
}

/**
 * `atlas serve`: migrate, seed the demo sandbox on an empty embedded database, listen, run the worker loop, and
 * shut down gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests, flush usage, close the pool).
 */
export async function serve(config: AtlasConfig, options: ServeOptions): Promise<void> {
  const started = performance.now();
  const database = openConfiguredDatabase(config, { longRunning: true });
  await migrateToLatest(database.db);
  const ctx = serviceContext(database);
  configurePaymentProcessors(config.mode);
  let demo: DemoCredentials | undefined;
  if (!config.databaseUrl && config.mode === 'development') {
    demo = (await seedDemoSandbox(ctx, config.dataDir)) ?? readDemoCredentials(config.dataDir);
  }
  const counter = createRateCounter(config);
  const revocations = await createClusterBus(config);
  const { app, deps, warmUpSchemas } = await buildApp({ config, database, counter, revocations });
  deps.usage.start(5000, (error) => app.log.error({ err: error }, 'usage flush failed'));
  await app.listen({ host: config.host, port: config.port });
  void warmUpSchemas((error) => app.log.error({ err: error }, 'a route schema failed to compile'));
  const worker = options.worker ? startWorker(ctx, app.log) : undefined;
  const dispatcher = options.worker ? startNotificationDispatcher(ctx, config, app.log) : undefined;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origin = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const store = config.databaseUrl ? 'PostgreSQL' : `SQLite ${sqliteFileOf(config)}`;
  printBanner({ origin, store, mode: config.mode, demo, accounts: await countAccounts(database.db), readyMs: performance.now() - started });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await worker?.stop();
    await dispatcher?.stop();
    await revocations.close();
    await counter.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function printBanner(info: { origin: string; store: string; mode: string; demo: DemoCredentials | undefined; accounts: number; readyMs: number }): void {
  const { origin, demo } = info;
  const lines = [
    '',
    `Atlas is running in ${info.mode} mode on ${info.store} (ready in ${Math.round(info.readyMs)} ms)`,
    `  API Store portal:  ${origin}/`,
    `  Admin console:     ${origin}/admin   (coordinators: npm run atlas -- admin coordinator create --username U)`,
    `  API documentation: ${origin}/docs`,
    `  Health:            ${origin}/healthz  ${origin}/readyz  ${origin}/metrics`,
  ];
  if (demo) {
    lines.push(
      '',
      `Demo sandbox partner "${demo.account_name}"`,
      `  account code:        ${demo.account_code}`,
      `  API Store user:      ${demo.username}`,
      `  password:            ${demo.password}`,
      `  application:         ${demo.application_id}`,
      `  sandbox key/secret:  ${demo.sandbox.consumer_key} / ${demo.sandbox.consumer_secret}`,
      `  production key/secret: ${demo.production.consumer_key} / ${demo.production.consumer_secret}`,
      '',
      'Try it:',
      `  curl -s -u '${demo.sandbox.consumer_key}:${demo.sandbox.consumer_secret}' -d grant_type=client_credentials ${origin}/oauth2/token`,
      `  curl -s -H "Authorization: Bearer <access_token>" ${origin}/getting-started/v2/whoami`,
    );
  } else if (info.accounts === 0) {
    lines.push('', 'No partner account yet: create one with `npm run atlas -- admin account create --name "…"`.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
