import os from 'node:os';
import path from 'node:path';
import { type AtlasConfig, ConfigError, loadConfig } from '../config.ts';
import { BackupError, backupDatabase } from '../db/backup.ts';
import { migrateDown, migrateToLatest } from '../db/database.ts';
import { startWorker } from '../jobs/worker.ts';
import { readDemoCredentials, seedDemoSandbox } from '../modules/demo/demo-sandbox.ts';
import { startNotificationDispatcher } from '../modules/notifications/notifications.worker.ts';
import { configurePaymentProcessors } from '../modules/payment/payment-processor.ts';
import { AppError } from '../platform/errors.ts';
import { createClusterBus, openConfiguredDatabase, serviceContext } from '../runtime.ts';
import { accountCommands } from './admin-accounts.ts';
import { applicationCommands } from './admin-apps.ts';
import { coordinatorCommands } from './admin-coordinators.ts';
import { deliveryCommands } from './admin-deliveries.ts';
import { resultCommands } from './admin-results.ts';
import { testCenterCommands } from './admin-test-centers.ts';
import { parseOptions, UsageError } from './args.ts';
import { writeOpenApiDocuments } from './openapi.ts';
import { printResult } from './output.ts';
import { serve } from './serve.ts';

const HELP = `Usage: atlas <command> [options]   (from the repository: npm run atlas -- <command>)

  serve [--no-worker]           HTTP server (gateway, services, Token API, portal) and the worker loop
  worker                        background jobs only
  migrate [down]                apply every migration (or undo the last one)
  seed demo                     seed the demo sandbox partner into an empty database
  openapi [--out DIR] [--check] write (or check) the generated OpenAPI documents
  db backup --out FILE          consistent copy of the live database (SQLite: VACUUM INTO; PostgreSQL: pg_dump -Fc)

  admin account create --name N [--roles all|psiBooking,…] [--cidr C …] [--username U]
  admin account update CODE [--name N] [--roles …] [--cidr C …]
  admin account list | show CODE | disable CODE | enable CODE
  admin user create --account CODE --username U
  admin user set-password --account CODE --username U --password P
  admin user reset-password | disable | enable --account CODE --username U
  admin user list --account CODE
  admin app create --account CODE --name N [--subscribe all|svc,…] [--tier T] [--password-grant on|off] [--token-ttl S]
  admin app update APP_ID [--name N] [--tier T] [--password-grant on|off] [--token-ttl S]
  admin app list --account CODE | show APP_ID | disable APP_ID | enable APP_ID
  admin app rotate-secret APP_ID --env production|sandbox [--overlap-seconds S]
  admin subscription add|remove --app APP_ID --service all|svc,… [--tier T]
  admin subscription list --app APP_ID
  admin tier list | create --name N [--per-minute N] [--per-day N]
  admin usage show --account CODE [--hours N]   calls per application, version and operation (v1 usage too)
  admin audit list [--account CODE] [--limit N]
  admin coordinator create --username U   an admin-console user; prints a one-time password (changed at first sign-in)
  admin coordinator reset-password --username U | list
  admin test-center create --code C --name N --address1 A [--address2 A] --city C --region R [--postal-code P]
                          --country CC --lat=L --lon=L --timezone Z --seats N --hours "mon-fri 08:00-17:00; sat 09:00-13:00"
  admin test-center update CODE [--name …] [--hours …] [--seats N --reason R] [--status active|closed] …
  admin test-center set-seats CODE --seats N [--reason R]
  admin test-center close CODE --from ISO --to ISO --reason TEXT
  admin test-center reopen CODE --closure CLOSURE_ID
  admin test-center list [--country CC] [--status active|closed] | show CODE
  admin result release RESULT_ID [--reason R]
  admin result hold | invalidate RESULT_ID --reason R
  admin result amend RESULT_ID --reason R [--outcome PASS|FAIL|NA] [--score S] [--scaled N] [--percent N] [--label L]
  admin result history RESULT_ID
  admin deliveries list --account CODE [--env production|sandbox] [--status pending|delivered|failed] [--service S]
                        [--endpoint WHK_ID] [--from ISO] [--to ISO] [--limit N] [--cursor C]   (the error queue: --status failed)
  admin deliveries show DLV_ID                      a delivery with every attempt (status, latency, response excerpt)
  admin deliveries resend DLV_ID                    send a failed (or delivered) delivery again, same webhook-id
  admin deliveries resend-failed --account CODE [--env …] [--service S] [--endpoint WHK_ID] [--from ISO] [--to ISO]

Every admin command takes --json and then prints one JSON object on stdout.
The database comes from ATLAS_DATABASE_URL, else SQLite under ATLAS_DATA_DIR (default ./data).`;

const ADMIN_COMMANDS = {
  ...accountCommands,
  ...applicationCommands,
  ...testCenterCommands,
  ...deliveryCommands,
  ...resultCommands,
  ...coordinatorCommands,
};

/**
 * Admin commands that change what running nodes cache (principals carry roles, CIDRs, subscriptions, tiers and
 * statuses; the client cache holds keys and secrets): after them the running nodes are told through the cluster bus.
 */
function changesCachedConfiguration(key: string): boolean {
  const [group, verb] = key.split(' ');
  return ['account', 'user', 'app', 'subscription', 'tier'].includes(group ?? '') && !['list', 'show', 'create'].includes(verb ?? '');
}

function coordinator(): string {
  return `coordinator:${process.env.ATLAS_ACTOR ?? os.userInfo().username}`;
}

/** The change is committed whatever happens here; nodes that miss the message see it when their cache TTL ends. */
async function announceConfigChange(config: AtlasConfig, reason: string): Promise<void> {
  try {
    const bus = await createClusterBus(config);
    await bus.publishConfigChange(reason);
    await bus.close();
  } catch (error) {
    process.stderr.write(
      `atlas: warning: running nodes were not told of the change (${(error as Error).message}); they see it within ATLAS_TOKEN_CACHE_TTL_MS\n`,
    );
  }
}

async function runAdmin(argv: string[]): Promise<void> {
  const key = `${argv[0] ?? ''} ${argv[1] ?? ''}`;
  const handler = ADMIN_COMMANDS[key];
  if (!handler) throw new UsageError(`unknown admin command "${key.trim()}"`);
  const rest = argv.slice(2);
  const json = rest.includes('--json');
  const config = loadConfig();
  const database = openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    const result = await handler(serviceContext(database), rest, coordinator());
    if (changesCachedConfiguration(key)) await announceConfigChange(config, key);
    printResult(result, json);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseOptions(rest, { 'no-worker': { type: 'boolean' } });
        await serve(loadConfig(), { worker: !values['no-worker'] });
        return -1; // keeps running
      }
      case 'worker': {
        const config = loadConfig();
        const database = openConfiguredDatabase(config, { longRunning: true });
        await migrateToLatest(database.db);
        const { default: pino } = await import('pino');
        const log = pino({ level: config.logLevel }) as never;
        const ctx = serviceContext(database);
        configurePaymentProcessors(config.mode);
        const worker = startWorker(ctx, log, { keepProcessAlive: true });
        const dispatcher = startNotificationDispatcher(ctx, config, log);
        process.stdout.write(`Atlas worker ${worker.holder} running: ${worker.jobs.join(', ')}, notification dispatcher\n`);
        const stop = async () => {
          await worker.stop();
          await dispatcher.stop();
          await database.close();
          process.exit(0);
        };
        process.once('SIGTERM', () => void stop());
        process.once('SIGINT', () => void stop());
        return -1;
      }
      case 'migrate': {
        const database = openConfiguredDatabase(loadConfig());
        try {
          const result = rest[0] === 'down' ? await migrateDown(database.db) : await migrateToLatest(database.db);
          printResult({ migrations: (result.results ?? []).map((r) => ({ name: r.migrationName, direction: r.direction, status: r.status })) }, json);
        } finally {
          await database.close();
        }
        return 0;
      }
      case 'seed': {
        if (rest[0] !== 'demo') throw new UsageError('usage: atlas seed demo');
        const config = loadConfig();
        const database = openConfiguredDatabase(config);
        try {
          await migrateToLatest(database.db);
          const seeded = await seedDemoSandbox(serviceContext(database), config.dataDir);
          printResult(seeded ?? { seeded: false, reason: 'the database already has accounts', demo: readDemoCredentials(config.dataDir) ?? null }, json);
        } finally {
          await database.close();
        }
        return 0;
      }
      case 'openapi': {
        const { values } = parseOptions(rest, { out: { type: 'string' }, check: { type: 'boolean' } });
        const outDir = path.resolve(values.out ?? 'apps/server/openapi');
        const result = await writeOpenApiDocuments(outDir, Boolean(values.check));
        printResult(result, json);
        return values.check && result.drifted.length > 0 ? 1 : 0;
      }
      case 'db': {
        if (rest[0] !== 'backup') throw new UsageError('usage: atlas db backup --out FILE');
        const { values } = parseOptions(rest.slice(1), { out: { type: 'string' } });
        if (!values.out) throw new UsageError('atlas db backup needs --out FILE');
        const config = loadConfig();
        const database = openConfiguredDatabase(config);
        try {
          printResult(await backupDatabase(database, config.databaseUrl, values.out), json);
        } finally {
          await database.close();
        }
        return 0;
      }
      case 'admin':
        await runAdmin(rest);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${HELP}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportFailure(error, json);
  }
}

function reportFailure(error: unknown, json: boolean): number {
  if (error instanceof UsageError || error instanceof ConfigError) {
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message: error.message } })}\n`);
    process.stderr.write(`atlas: ${error.message}\nRun "atlas help" for the commands.\n`);
    return 2;
  }
  if (error instanceof BackupError) {
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'BACKUP_FAILED', message: error.message } })}\n`);
    process.stderr.write(`atlas: backup failed: ${error.message}\n`);
    return 1;
  }
  if (error instanceof AppError) {
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
    process.stderr.write(`atlas: ${error.code}: ${error.message}\n`);
    return 1;
  }
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: (error as Error)?.message ?? String(error) } })}\n`);
  process.stderr.write(`atlas: ${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}
