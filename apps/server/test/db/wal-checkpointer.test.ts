import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';

/** A server's embedded database checkpoints its WAL from a background thread, never inside a request's commit. */
describe('background WAL checkpoints (SQLite)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function writeRows(backgroundCheckpoints: boolean) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wal-'));
    dirs.push(dir);
    const file = path.join(dir, 'atlas.sqlite');
    const database = openDatabase({ sqliteFile: file, backgroundCheckpoints });
    await sql`create table filler (id integer primary key, body text not null)`.execute(database.db);
    // ~6 MB of rows: past SQLite's automatic checkpoint threshold of 1,000 pages.
    for (let batch = 0; batch < 30; batch++) {
      const values = Array.from({ length: 200 }, (_, i) => sql`(${batch * 200 + i}, ${'x'.repeat(1000)})`);
      await sql`insert into filler (id, body) values ${sql.join(values)}`.execute(database.db);
    }
    return { database, file };
  }

  async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return check();
  }

  it('copies committed frames into the database file while the writer only appends', async () => {
    const { database, file } = await writeRows(true);
    // The writer's own connection never checkpoints: the pages reach the main file through the background thread.
    const setting = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
    expect(setting.rows[0]?.wal_autocheckpoint).toBe(0);
    expect(await waitFor(() => fs.statSync(file).size > 5_000_000, 5_000)).toBe(true);
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(database.db);
    expect(rows.rows[0]?.n).toBe(6000);
    await database.close();
  });

  it('is off by default: a short-lived CLI connection keeps SQLite automatic checkpoints', async () => {
    const { database, file } = await writeRows(false);
    // SQLite's own checkpoint ran inside a commit once the WAL passed 1,000 pages.
    expect(fs.statSync(file).size).toBeGreaterThan(2_000_000);
    const setting = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
    expect(setting.rows[0]?.wal_autocheckpoint).toBe(1000);
    await database.close();
  });

  it('stops its thread on close after a last checkpoint, leaving every row readable', async () => {
    const { database, file } = await writeRows(true);
    await database.close();
    const reopened = openDatabase({ sqliteFile: file });
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(reopened.db);
    expect(rows.rows[0]?.n).toBe(6000);
    await reopened.close();
  });
});
