import type { Executor } from '../db/executor.ts';

/**
 * Takes the lease of `name` for `holder` until `until` when it is free (never taken, or expired at `now`); true when
 * this caller got it. One statement, atomic on both dialects: of any number of workers asking at once, one wins.
 */
export async function tryTakeJobLease(db: Executor, lease: { name: string; holder: string; now: string; until: string }): Promise<boolean> {
  const row = await db
    .insertInto('job_lease')
    .values({ name: lease.name, holder: lease.holder, leased_until: lease.until, last_started_at: lease.now })
    .onConflict((conflict) =>
      conflict
        .column('name')
        .doUpdateSet({ holder: lease.holder, leased_until: lease.until, last_started_at: lease.now })
        .where('job_lease.leased_until', '<=', lease.now),
    )
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listJobLeases(db: Executor) {
  return db.selectFrom('job_lease').selectAll().orderBy('name').execute();
}
