import type { Kysely, Migration } from 'kysely';

/**
 * Scheduled jobs run once per tick across every worker (issue 9): a worker takes a job's lease with one guarded
 * INSERT … ON CONFLICT DO UPDATE … WHERE leased_until <= now, which both dialects execute atomically.
 */
export const jobLeasesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('job_lease')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('leased_until', 'text', (c) => c.notNull())
      .addColumn('last_started_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('job_lease').execute();
  },
};
