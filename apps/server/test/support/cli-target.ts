import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AtlasDatabase, type Dialect, openDatabase } from '../../src/db/database.ts';
import { createTestDatabase } from '../harness.ts';

/** Where a spawned CLI keeps its data, and the same database opened in the test process. */
export interface CliTarget {
  dialect: Dialect;
  /** Environment for the child: ATLAS_DATA_DIR (fresh), and ATLAS_DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  dataDir: string;
  /** The CLI's database, opened in this process on first use (after the CLI has created and migrated it). */
  database(): AtlasDatabase;
  close(): Promise<void>;
}

/**
 * SQLite: a fresh data directory, where the CLI creates `atlas.sqlite` itself. PostgreSQL: a fresh, empty schema
 * of its own (not migrated: the CLI migrates), reached through a URL whose search_path is that schema.
 */
export async function createCliTarget(dialect: Dialect, actor = 'atlas-test'): Promise<CliTarget> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-cli-'));
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'postgres') {
    const database = await createTestDatabase('postgres', { migrate: false });
    return {
      dialect,
      dataDir,
      env: { ATLAS_DATA_DIR: dataDir, ATLAS_DATABASE_URL: database.url as string, ATLAS_ACTOR: actor },
      database: () => database,
      close: async () => {
        await database.close();
        removeDataDir();
      },
    };
  }
  let database: AtlasDatabase | undefined;
  return {
    dialect,
    dataDir,
    env: { ATLAS_DATA_DIR: dataDir, ATLAS_ACTOR: actor },
    database: () => {
      database ??= openDatabase({ sqliteFile: path.join(dataDir, 'atlas.sqlite') });
      return database;
    },
    close: async () => {
      await database?.close();
      removeDataDir();
    },
  };
}
