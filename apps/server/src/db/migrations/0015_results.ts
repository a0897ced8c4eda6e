import { type Kysely, type Migration, sql } from 'kysely';

const ENVIRONMENTS = sql`environment in ('production', 'sandbox')`;
const STATES = sql.raw(`('scored', 'held', 'released', 'invalidated')`);

/** Assessment results (issue 6): the current score report, its revisions (amendments with diffs) and its history. */
export const resultsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('result')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(ENVIRONMENTS))
      .addColumn('booking_id', 'text', (c) => c.notNull().references('booking.id').onDelete('cascade'))
      .addColumn('booking_code', 'text', (c) => c.notNull())
      .addColumn('eligibility_id', 'text', (c) => c.notNull().references('eligibility.id').onDelete('cascade'))
      .addColumn('candidate_ref', 'text', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
      .addColumn('test_code', 'text', (c) => c.notNull())
      .addColumn('test_version', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('booking', 'eligibility', 'candidate', 'coordinator')`))
      .addColumn('external_result_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${STATES}`))
      .addColumn('previous_state', 'text', (c) => c.check(sql`previous_state in ${STATES}`))
      .addColumn('state_reason', 'text')
      .addColumn('hold_reason', 'text', (c) => c.check(sql`hold_reason in ('proctoring_review', 'coordinator')`))
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
      .addColumn('attempt', 'integer', (c) => c.notNull().check(sql`attempt >= 1`))
      .addColumn('released_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('result_hold_reason', sql`(state = 'held') = (hold_reason is not null)`)
      .execute();
    // One live result per booking: a retried delivery (even concurrent) cannot store a second one.
    await db.schema
      .createIndex('result_one_live_per_booking')
      .on('result')
      .columns(['booking_id'])
      .unique()
      .where(sql<boolean>`state <> 'invalidated'`)
      .execute();
    await db.schema.createIndex('result_scope').on('result').columns(['account_id', 'environment', 'id']).execute();
    await db.schema.createIndex('result_by_candidate').on('result').columns(['candidate_ref', 'id']).execute();
    await db.schema.createIndex('result_by_eligibility').on('result').columns(['eligibility_id', 'id']).execute();

    await db.schema
      .createTable('result_revision')
      .addColumn('result_id', 'text', (c) => c.notNull().references('result.id').onDelete('cascade'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('diff', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('result_revision_pk', ['result_id', 'revision'])
      .execute();

    await db.schema
      .createTable('result_transition')
      .addColumn('result_id', 'text', (c) => c.notNull().references('result.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('previous_state', 'text', (c) => c.check(sql`previous_state in ${STATES}`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${STATES}`))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('result_transition_pk', ['result_id', 'version'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('result_transition').execute();
    await db.schema.dropTable('result_revision').execute();
    await db.schema.dropTable('result').execute();
  },
};
