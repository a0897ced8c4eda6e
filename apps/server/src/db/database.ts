import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, NO_MIGRATIONS, PostgresAdapter, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { registerDirectReader } from './direct-read.ts';
import { migrations } from './migrations/index.ts';
import { AtlasPostgresDialect } from './postgres-introspector.ts';
import type { Database } from './schema.ts';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** `postgres://…`; when absent, SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  /** SQLite file path, or `:memory:`. */
  sqliteFile?: string;
  /** PostgreSQL schema to work in (tests use one schema each so suites run in parallel). */
  postgresSchema?: string;
  poolSize?: number;
  /** SQLite: checkpoint the WAL from a background thread instead of inside commits (long-running processes). */
  backgroundCheckpoints?: boolean;
}

export interface AtlasDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings; every count we store fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openDatabase(options: DatabaseOptions): AtlasDatabase {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.postgresSchema ? { options: `-c search_path=${options.postgresSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new AtlasPostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const checkpointer = options.backgroundCheckpoints && file !== ':memory:' ? backgroundCheckpoints(sqlite, file) : undefined;
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  registerDirectReader(db, (text, parameters) => {
    if (sqlite.inTransaction) return undefined;
    const statement = statements.prepare(text);
    return statement.reader ? statement.all(parameters) : undefined;
  });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function backgroundCheckpoints(sqlite: SQLite.Database, file: string): WalCheckpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  // After a checkpoint lets the log start over, keep at most this much of the old WAL file on disk.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return startWalCheckpointer(file);
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs 25–40 µs, more than running a primary-key read.
 * The same SQL text gets the same prepared statement (better-sqlite3 statements are reusable; Kysely never streams
 * here). Bounded: the query shapes of an app are finite, but SQL built with variable-length IN lists is not.
 */
function withStatementCache(sqlite: SQLite.Database, capacity = 1000) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * On PostgreSQL the migrator is pinned to the connection's current schema: Kysely otherwise looks for its
 * bookkeeping tables in every schema of the database, and another schema's tables (a second Atlas, parallel test
 * schemas) would make it skip creating its own.
 */
async function migrator(db: Kysely<Database>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = result.rows[0]?.schema;
  }
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) throw result.error;
  return result;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  return check(await (await migrator(db)).migrateToLatest());
}

export async function migrateDown(db: Kysely<Database>): Promise<MigrationResultSet> {
  return check(await (await migrator(db)).migrateDown());
}

export async function migrateAllDown(db: Kysely<Database>): Promise<MigrationResultSet> {
  return check(await (await migrator(db)).migrateTo(NO_MIGRATIONS));
}

/** Names of applied migrations, oldest first; `/readyz` compares them with the shipped list. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

export function shippedMigrationNames(): string[] {
  return Object.keys(migrations);
}

export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

export async function createPostgresSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } finally {
    await client.end();
  }
}

export async function dropPostgresSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
