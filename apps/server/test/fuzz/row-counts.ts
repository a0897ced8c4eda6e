import { sql } from 'kysely';
import type { Dialect } from '../../src/db/database.ts';
import type { TestDatabase } from '../harness.ts';

/** Row count of every table of the schema (migration bookkeeping aside), in one query. */
export async function tableNames(database: TestDatabase, dialect: Dialect): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by table_name`;
  return (await query.execute(database.db)).rows.map((row) => row.name);
}

export async function rowCounts(database: TestDatabase, tables: string[]): Promise<Record<string, number>> {
  const union = sql.join(
    tables.map((table) => sql`select ${table} as name, count(*) as n from ${sql.table(table)}`),
    sql` union all `,
  );
  const { rows } = await sql<{ name: string; n: number | string }>`${union}`.execute(database.db);
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.n)]));
}

/** Tables whose count differs, as `table: before → after`. */
export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table}: ${before[table]} → ${after[table]}`);
}
