import { type Kysely, type Migration, sql } from 'kysely';

const ENVIRONMENTS = sql`environment in ('production', 'sandbox')`;
const STATES_LIST = `'scheduled', 'launched', 'checking_in', 'in_progress', 'paused', 'submitted', 'terminated', 'timed_out', 'under_review', 'verified', 'rejected'`;
const STATES = sql.raw(`(${STATES_LIST})`);
const SEVERITIES = sql.raw(`('low', 'medium', 'high', 'critical')`);

/** Remote-proctored sessions (issue 6): one per online booking, and the events the proctoring side posts. */
export const proctoringMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('proctoring_session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(ENVIRONMENTS))
      // One session per booking, whatever races: a second creation conflicts here and is ignored.
      .addColumn('booking_id', 'text', (c) => c.notNull().unique().references('booking.id').onDelete('cascade'))
      .addColumn('booking_code', 'text', (c) => c.notNull())
      .addColumn('eligibility_id', 'text', (c) => c.notNull().references('eligibility.id').onDelete('cascade'))
      .addColumn('candidate_ref', 'text', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
      .addColumn('test_code', 'text', (c) => c.notNull())
      .addColumn('test_version', 'integer', (c) => c.notNull())
      .addColumn('scheduled_start', 'text', (c) => c.notNull())
      .addColumn('scheduled_end', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${STATES}`))
      .addColumn('previous_state', 'text', (c) => c.check(sql`previous_state in ${STATES}`))
      .addColumn('state_reason', 'text')
      .addColumn('system_check', 'text', (c) => c.notNull().check(sql`system_check in ('pending', 'passed', 'failed')`))
      .addColumn('id_verified', 'integer', (c) => c.notNull().check(sql`id_verified in (0, 1)`))
      .addColumn('extra_time_minutes', 'integer', (c) => c.notNull().check(sql`extra_time_minutes >= 0`))
      .addColumn('incident_count', 'integer', (c) => c.notNull().check(sql`incident_count >= 0`))
      .addColumn('max_severity', 'text', (c) => c.check(sql`max_severity in ${SEVERITIES}`))
      .addColumn('ended_as', 'text', (c) => c.check(sql`ended_as in ('submitted', 'terminated', 'timed_out')`))
      .addColumn('review_decision', 'text', (c) => c.check(sql`review_decision in ('verified', 'rejected')`))
      .addColumn('review_notes', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('launched_at', 'text')
      .addColumn('started_at', 'text')
      .addColumn('ended_at', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // A decision exists exactly in the decided states; the sitting's end is known from `submitted` on.
      .addCheckConstraint('proctoring_session_decision', sql`(review_decision is not null) = (state in ('verified', 'rejected'))`)
      .addCheckConstraint(
        'proctoring_session_ended',
        sql`(ended_as is not null) = (state in ('submitted', 'terminated', 'timed_out', 'under_review', 'verified', 'rejected'))`,
      )
      .execute();
    await db.schema.createIndex('proctoring_session_scope').on('proctoring_session').columns(['account_id', 'environment', 'id']).execute();
    await db.schema.createIndex('proctoring_session_booking_code').on('proctoring_session').columns(['account_id', 'environment', 'booking_code']).execute();

    await db.schema
      .createTable('proctoring_event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('proctoring_session.id').onDelete('cascade'))
      .addColumn('sequence', 'integer', (c) => c.notNull().check(sql`sequence >= 1`))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('previous_state', 'text', (c) => c.check(sql`previous_state in ${STATES}`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${STATES}`))
      .addColumn('severity', 'text', (c) => c.check(sql`severity in ${SEVERITIES}`))
      .addColumn('reason_code', 'text')
      .addColumn('note', 'text')
      .addColumn('extra_time_minutes', 'integer')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('proctoring_event_incident', sql`(type = 'INCIDENT') = (severity is not null)`)
      .execute();
    // Events of a session in order; two concurrent events cannot take the same place.
    await db.schema.createIndex('proctoring_event_sequence').on('proctoring_event').columns(['session_id', 'sequence']).unique().execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('proctoring_event').execute();
    await db.schema.dropTable('proctoring_session').execute();
  },
};
