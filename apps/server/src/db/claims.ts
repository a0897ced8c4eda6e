import { type Kysely, PostgresAdapter, type SelectQueryBuilder } from 'kysely';

/**
 * Claiming rows for work (outbox fan-out, delivery leases) across processes. PostgreSQL: the selecting subquery
 * takes row locks and SKIPS rows another worker holds (`FOR UPDATE SKIP LOCKED`), so workers never wait on each
 * other nor take the same row. SQLite has one writer at a time: the claiming `UPDATE … WHERE id IN (SELECT …)` is a
 * single statement, atomic by itself, and its guard (still pending, lease expired) does the rest — it has no
 * row-locking clause at all, so none is added.
 */
export function skipLockedRows<DB, TB extends keyof DB, O>(db: Kysely<any>, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate().skipLocked() : query;
}
