import type { CompiledQuery } from 'kysely';
import type { Executor } from './executor.ts';

type DirectReader = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

const readers = new WeakMap<Executor, DirectReader>();

/**
 * Lets a database run read-only statements synchronously, beside Kysely's driver (database.ts registers SQLite's).
 * Kysely's SQLite driver hands its one connection out through a mutex and a chain of promises even for a
 * primary-key read that SQLite answers synchronously in a few microseconds (BENCHMARKS.md, P1).
 */
export function registerDirectReader(db: Executor, reader: DirectReader): void {
  readers.set(db, reader);
}

/**
 * The rows of a compiled SELECT, read at once when `db` allows it; undefined when the query must go through Kysely:
 * on PostgreSQL, inside a transaction (a Transaction is another executor; and while one is open on the shared SQLite
 * connection, a direct read would see its uncommitted writes), or for a statement that writes.
 */
export function readDirectly<Row>(db: Executor, query: CompiledQuery<Row>): Row[] | undefined {
  return readers.get(db)?.(query.sql, query.parameters) as Row[] | undefined;
}
