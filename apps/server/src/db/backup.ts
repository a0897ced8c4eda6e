import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { AtlasDatabase } from './database.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  dialect: AtlasDatabase['dialect'];
  method: 'VACUUM INTO' | 'pg_dump --format=custom';
}

/**
 * A consistent copy of the live database, taken while Atlas keeps serving. SQLite: `VACUUM INTO` writes a compact,
 * transactionally consistent copy from one read transaction (WAL readers and the writer go on). PostgreSQL: `pg_dump`
 * in its custom format (restore with `pg_restore`), limited to Atlas's schema when the URL pins a search_path.
 * Never overwrites: an existing file is refused, so a scheduled job cannot silently replace yesterday's backup.
 */
export async function backupDatabase(database: AtlasDatabase, databaseUrl: string | undefined, outFile: string): Promise<BackupResult> {
  const file = path.resolve(outFile);
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already; choose a new file name`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (database.dialect === 'sqlite') {
    await sql`vacuum into ${file}`.execute(database.db);
    return { file, bytes: fs.statSync(file).size, dialect: 'sqlite', method: 'VACUUM INTO' };
  }
  if (!databaseUrl) throw new BackupError('PostgreSQL backup needs ATLAS_DATABASE_URL');
  const schema = schemaOf(databaseUrl);
  await run('pg_dump', ['--format=custom', `--file=${file}`, ...(schema ? [`--schema=${schema}`] : []), `--dbname=${databaseUrl}`]);
  return { file, bytes: fs.statSync(file).size, dialect: 'postgres', method: 'pg_dump --format=custom' };
}

export class BackupError extends Error {}

/** The schema a URL pins with `options=-c search_path=…` (tests, shared databases), if any. */
function schemaOf(databaseUrl: string): string | undefined {
  const options = new URL(databaseUrl).searchParams.get('options') ?? '';
  return options.match(/search_path=([A-Za-z0-9_]+)/)?.[1];
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => reject(new BackupError(`${command} could not start (${error.message}); install the PostgreSQL client tools`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}
