import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type AtlasConfig, loadConfig } from '../src/config.ts';
import { type AtlasDatabase, createPostgresSchema, type Dialect, dropPostgresSchema, migrateToLatest, openDatabase } from '../src/db/database.ts';
import type { AtlasApp, ModuleDeps } from '../src/platform/app-types.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { ServiceContext } from '../src/platform/context.ts';
import { createIdGenerator } from '../src/platform/ids.ts';
import type { RateCounter } from '../src/platform/rate-counter.ts';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI always sets it). */
export const DIALECTS: Dialect[] = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export interface TestDatabase extends AtlasDatabase {
  /** Set for PostgreSQL: a connection URL whose search_path is this test's own schema (for spawned CLIs). */
  url?: string;
}

/** A fresh, empty database: in-memory SQLite, or a schema of its own in PostgreSQL (so suites run in parallel). */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let database: TestDatabase;
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL as string;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await createPostgresSchema(url, schema);
    const opened = openDatabase({ databaseUrl: url, postgresSchema: schema, poolSize: 5 });
    const separator = url.includes('?') ? '&' : '?';
    database = {
      ...opened,
      url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      close: async () => {
        await opened.close();
        await dropPostgresSchema(url, schema);
      },
    };
  } else {
    database = openDatabase({ sqliteFile: ':memory:' });
  }
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
}

export interface TestApp {
  app: AtlasApp;
  deps: ModuleDeps;
  database: TestDatabase;
  ctx: ServiceContext;
  clock: ManualClock;
  config: AtlasConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<AtlasConfig>;
  register?: (app: AtlasApp, deps: ModuleDeps) => void;
  counter?: RateCounter;
  clock?: ManualClock;
  logStream?: import('pino').DestinationStream;
}

export async function createTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const clock = options.clock ?? new ManualClock();
  const config: AtlasConfig = { ...loadConfig({}), logLevel: 'silent', ...options.config };
  const ids = createIdGenerator(() => clock.now());
  const { app, deps, warmUpSchemas } = await buildApp({
    config,
    database,
    clock,
    ids,
    counter: options.counter,
    register: options.register,
    logStream: options.logStream,
  });
  await app.ready();
  // Every route's schemas compile now, as serve compiles them after start-up: one that cannot fails every suite.
  const failures: unknown[] = [];
  await warmUpSchemas((error) => failures.push(error));
  if (failures.length > 0) throw failures[0];
  return {
    app,
    deps,
    database,
    ctx: deps.ctx,
    clock,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export function basic(consumerKey: string, consumerSecret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(consumerKey)}:${encodeURIComponent(consumerSecret)}`).toString('base64')}`;
}

/** POSTs a form to the Token API. */
export function postForm(app: AtlasApp, url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
