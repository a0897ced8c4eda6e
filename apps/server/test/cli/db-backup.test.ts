import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { DIALECTS } from '../harness.ts';
import { runCli, runCliJson } from '../support/cli.ts';
import { type CliTarget, createCliTarget } from '../support/cli-target.ts';

describe.each(DIALECTS)('atlas db backup (%s)', (dialect) => {
  let target: CliTarget;
  afterEach(async () => {
    await target?.close();
  });

  it('writes a consistent copy of the live database that restores with the account in it', async () => {
    target = await createCliTarget(dialect);
    const created = await runCliJson<{ account_code: string }>(['admin', 'account', 'create', '--name', 'Backup Board'], target.env);
    const file = path.join(target.dataDir, 'backups', `atlas-${dialect}.backup`);
    const result = await runCliJson<{ file: string; bytes: number; method: string }>(['db', 'backup', '--out', file], target.env);
    expect(result).toMatchObject({ file, dialect });
    expect(result.bytes).toBe(fs.statSync(file).size);

    if (dialect === 'sqlite') {
      // The copy is a complete SQLite database: open it as Atlas would and find the account.
      const copy = openDatabase({ sqliteFile: file });
      const account = await copy.db.selectFrom('account').select('account_code').executeTakeFirst();
      await copy.close();
      expect(account?.account_code).toBe(created.account_code);
    } else {
      // pg_dump's custom format: pg_restore lists the account table's data in it.
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
      const listing = execFileSync('pg_restore', ['--list', file], { encoding: 'utf8' });
      expect(listing).toMatch(/TABLE DATA \S+ account /);
    }
  });

  it('refuses to overwrite an existing file and says why', async () => {
    target = await createCliTarget(dialect);
    await runCliJson(['migrate'], target.env);
    const file = path.join(target.dataDir, 'taken.backup');
    fs.writeFileSync(file, 'yesterday');
    const result = await runCli(['db', 'backup', '--out', file, '--json'], target.env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'BACKUP_FAILED' } });
    expect(fs.readFileSync(file, 'utf8')).toBe('yesterday');
  });
});
