import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** What every repository method takes: the database or an open transaction (a Transaction is a Kysely). */
export type Executor = Kysely<Database>;

/** SQLite answers a unique violation with SQLITE_CONSTRAINT_UNIQUE, PostgreSQL with SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
