/**
 * The subject of P1 and P2: the real Atlas app (`buildApp`), wired as `atlas serve` wires it (file-backed SQLite in
 * WAL mode, migrations, in-memory rate counters, the usage recorder flushing every 5 s, pino access log at the
 * configured level on stdout — which the runner points at a file), minus the background worker and the demo seed.
 * One partner is created through the real identity services before listening.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { buildApp } from '../../apps/server/src/app.ts';
import { type AtlasConfig, loadConfig } from '../../apps/server/src/config.ts';
import { migrateToLatest, openDatabase } from '../../apps/server/src/db/database.ts';
import type { Database } from '../../apps/server/src/db/schema.ts';
import type { GatewayRouteConfig } from '../../apps/server/src/gateway/route-config.ts';
import { createAccount } from '../../apps/server/src/modules/identity/account.service.ts';
import { findApplication } from '../../apps/server/src/modules/identity/application.repository.ts';
import { createApplication } from '../../apps/server/src/modules/identity/application.service.ts';
import { createThrottlingTier } from '../../apps/server/src/modules/identity/tier.service.ts';
import type { AtlasApp, ModuleDeps } from '../../apps/server/src/platform/app-types.ts';
import { MemoryRateCounter } from '../../apps/server/src/platform/rate-counter.ts';
import { serviceContext } from '../../apps/server/src/runtime.ts';
import { type AtlasInfo, type AtlasServerOptions, PROBE_BODY, PROBES } from '../lib/protocol.ts';
import { runChild } from './child.ts';

/** A tier whose limits are never reached, so the throttling stage runs (counts, sets RateLimit-* headers) without refusing. */
const BENCH_TIER = { name: 'Bench', requestsPerMinute: 1_000_000_000, requestsPerDay: 1_000_000_000_000 };

/** The breakdown's probe routes (bench/lib/protocol.ts PROBES), registered through buildApp's `register` option like tests do. */
function registerProbes(sqliteFile: string) {
  return (app: AtlasApp, deps: ModuleDeps) => {
    const body = JSON.parse(PROBE_BODY) as Record<string, string>;
    const gateway: GatewayRouteConfig = { service: 'getting-started', version: 'v2' };
    const reader = new SQLite(sqliteFile, { readonly: true });
    const findApplicationPrepared = reader.prepare('select * from "application" where "id" = ?');
    // What a statement cache in the SQLite dialect would give: the same Kysely query, prepared once.
    const cachingReader = new SQLite(sqliteFile, { readonly: true });
    const statements = new Map<string, SQLite.Statement>();
    const cachedDb = new Kysely<Database>({
      dialect: new SqliteDialect({
        database: {
          close: () => cachingReader.close(),
          prepare: (sql: string) => {
            let statement = statements.get(sql);
            if (!statement) {
              statement = cachingReader.prepare(sql);
              statements.set(sql, statement);
            }
            return statement;
          },
        },
      }),
    });
    app.addHook('onClose', async () => {
      reader.close();
      await cachedDb.destroy();
    });
    app.get(PROBES.static, { schema: { operationId: 'benchStatic', hide: true } }, async () => body);
    app.get(PROBES.gateway, { config: { gateway }, schema: { operationId: 'benchGateway', hide: true } }, async () => body);
    app.get(PROBES.gatewayRow, { config: { gateway }, schema: { operationId: 'benchGatewayRow', hide: true } }, async (request) => {
      const row = await findApplication(deps.ctx.db, request.principal?.applicationId ?? '');
      if (!row) throw new Error('probe: application row not found');
      return body;
    });
    app.get(PROBES.gatewayRowKyselyCached, { config: { gateway }, schema: { operationId: 'benchGatewayRowKyselyCached', hide: true } }, async (request) => {
      const row = await findApplication(cachedDb, request.principal?.applicationId ?? '');
      if (!row) throw new Error('probe: application row not found');
      return body;
    });
    app.get(PROBES.gatewayRowPrepared, { config: { gateway }, schema: { operationId: 'benchGatewayRowPrepared', hide: true } }, async (request) => {
      const row = findApplicationPrepared.get(request.principal?.applicationId ?? '');
      if (!row) throw new Error('probe: application row not found');
      return body;
    });
  };
}

runChild(async () => {
  const options = JSON.parse(process.env.ATLAS_BENCH_OPTIONS ?? '{}') as AtlasServerOptions;
  const config: AtlasConfig = {
    ...loadConfig({}),
    mode: 'production',
    host: '127.0.0.1',
    port: 0,
    dataDir: options.dataDir,
    logLevel: options.logLevel,
    tokenRequestsPerClientPerMinute: options.tokenRequestsPerClientPerMinute,
  };
  const sqliteFile = path.join(config.dataDir, 'atlas.sqlite');
  // As `atlas serve` opens it (runtime.ts openConfiguredDatabase with longRunning).
  const database = openDatabase({ sqliteFile, backgroundCheckpoints: true });
  await migrateToLatest(database.db);

  const ctx = serviceContext(database);
  const actor = 'coordinator:bench';
  await createThrottlingTier(ctx, BENCH_TIER, actor);
  // The allow-list is the loopback ranges only: the IP stage checks a real list and admits the load generator.
  const created = await createAccount(ctx, { name: 'Bench Board', roles: 'all', cidrs: ['127.0.0.0/8', '::1/128'] }, actor);
  const application = await createApplication(ctx, created.account.account_code, { name: 'Bench App', subscribe: 'all', tier: BENCH_TIER.name }, actor);

  const counter = new MemoryRateCounter();
  const { app, deps } = await buildApp({ config, database, counter, ...(options.probes ? { register: registerProbes(sqliteFile) } : {}) });
  deps.usage.start(5000, (error) => app.log.error({ err: error }, 'usage flush failed'));
  await app.listen({ host: config.host, port: config.port });

  const info: AtlasInfo = {
    sqliteFile,
    accountCode: created.account.account_code,
    applicationId: application.application.id,
    tier: BENCH_TIER.name,
    consumerKey: application.production.consumer_key,
    consumerSecret: application.production.consumer_secret,
    config: {
      logLevel: config.logLevel,
      tokenRequestsPerClientPerMinute: config.tokenRequestsPerClientPerMinute,
      tokenCacheTtlMs: config.tokenCacheTtlMs,
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    },
  };
  return {
    port: (app.server.address() as AddressInfo).port,
    info,
    close: async () => {
      await app.close();
      await counter.close();
      await database.close();
    },
  };
});
