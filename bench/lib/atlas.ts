import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type ServerHandle, startServer } from './children.ts';
import type { AtlasInfo, AtlasServerOptions } from './protocol.ts';
import type { RunContext } from './report-types.ts';

export interface AtlasServer {
  handle: ServerHandle<AtlasInfo>;
  logFile: string;
  dataDir: string;
}

/** Starts the Atlas bench server in a child process with its own SQLite file and access-log file under the run's work dir. */
export async function startAtlas(ctx: RunContext, name: string, overrides: Partial<AtlasServerOptions> = {}): Promise<AtlasServer> {
  const dataDir = path.join(ctx.workDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'access.log');
  const options: AtlasServerOptions = { dataDir, logLevel: ctx.atlasLogLevel, tokenRequestsPerClientPerMinute: 600, ...overrides };
  const handle = await startServer<AtlasInfo>(`atlas-${name}`, 'atlas.ts', {
    env: { ATLAS_BENCH_OPTIONS: JSON.stringify(options) },
    stdoutFile: logFile,
  });
  return { handle, logFile, dataDir };
}

/** Lines in the access log, and how many of them pino wrote at warn level or above (30 = info, 40 = warn, 50 = error). */
export async function logStats(file: string): Promise<{ lines: number; warnOrWorse: number; bytes: number; firstProblem: string | undefined }> {
  let lines = 0;
  let warnOrWorse = 0;
  let firstProblem: string | undefined;
  let rest = '';
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8' })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      if (line.length === 0) continue;
      lines += 1;
      const level = /"level":(\d+)/.exec(line)?.[1];
      if (level !== undefined && Number(level) >= 40) {
        warnOrWorse += 1;
        firstProblem ??= line.slice(0, 1000);
      }
    }
  }
  return { lines, warnOrWorse, bytes: fs.statSync(file).size, firstProblem };
}

/** One number from the (stopped) server's SQLite file, e.g. how many access tokens it stored. */
export function queryNumber(sqliteFile: string, sql: string): number {
  const db = new SQLite(sqliteFile, { readonly: true });
  try {
    const row = db.prepare(sql).get() as { n: number | null } | undefined;
    return Number(row?.n ?? 0);
  } finally {
    db.close();
  }
}
