import { type Kysely, type Migration, sql } from 'kysely';

const STATES = sql`('pending', 'open', 'scheduled', 'completed', 'exhausted', 'expired', 'cancelled')`;

export const eligibilityMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('candidate')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('candidate_id', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('middle_name', 'text')
      .addColumn('suffix', 'text')
      .addColumn('email', 'text')
      .addColumn('address1', 'text')
      .addColumn('address2', 'text')
      .addColumn('city', 'text')
      .addColumn('province_state', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('country', 'text')
      .addColumn('home_phone', 'text')
      .addColumn('office_phone', 'text')
      .addColumn('school_code', 'text')
      .addColumn('special_accommodations', 'text', (c) => c.notNull())
      .addColumn('additional_attributes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('candidate_partner_id_unique', ['account_id', 'environment', 'candidate_id'])
      .execute();

    await db.schema
      .createTable('eligibility')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('candidate_ref', 'text', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
      .addColumn('test_id', 'text', (c) => c.notNull().references('test.id').onDelete('cascade'))
      .addColumn('test_code', 'text', (c) => c.notNull())
      .addColumn('test_version', 'integer', (c) => c.notNull().check(sql`test_version >= 1`))
      .addColumn('client_eligibility_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${STATES}`))
      .addColumn('previous_state', 'text', (c) => c.check(sql`previous_state in ${STATES}`))
      .addColumn('state_reason', 'text')
      .addColumn('schedule_start_date', 'text', (c) => c.notNull())
      .addColumn('eligibility_end_date', 'text', (c) => c.notNull())
      .addColumn('attempts_allowed', 'integer', (c) => c.notNull().check(sql`attempts_allowed >= 1`))
      .addColumn('attempts_used', 'integer', (c) => c.notNull().check(sql`attempts_used >= 0`))
      .addColumn('retake_waiting_days', 'integer', (c) => c.notNull().check(sql`retake_waiting_days >= 0`))
      .addColumn('last_attempt_on', 'text')
      .addColumn('accommodations', 'text', (c) => c.notNull())
      .addColumn('portion_codes', 'text', (c) => c.notNull())
      .addColumn('registration_mode', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('eligibility_window_ordered', sql`schedule_start_date <= eligibility_end_date`)
      .addCheckConstraint('eligibility_attempts_bounded', sql`attempts_used <= attempts_allowed`)
      .execute();
    // The invariant "at most one active eligibility per candidate and test" lives here, not in application code:
    // a partial unique index (SQLite ≥ 3.8 and PostgreSQL both have them) refuses the second insert even when two
    // creates race.
    await db.schema
      .createIndex('eligibility_one_active')
      .on('eligibility')
      .columns(['account_id', 'environment', 'candidate_ref', 'test_code'])
      .unique()
      .where(sql<boolean>`state in ('pending', 'open', 'scheduled')`)
      .execute();
    await db.schema.createIndex('eligibility_by_candidate').on('eligibility').columns(['candidate_ref', 'created_at']).execute();
    await db.schema.createIndex('eligibility_by_account').on('eligibility').columns(['account_id', 'environment', 'created_at']).execute();
    await db.schema.createIndex('eligibility_by_client_id').on('eligibility').columns(['account_id', 'environment', 'client_eligibility_id']).execute();
    // The worker's expiry scan.
    await db.schema.createIndex('eligibility_by_state_end').on('eligibility').columns(['state', 'eligibility_end_date']).execute();

    await db.schema
      .createTable('eligibility_transition')
      .addColumn('eligibility_id', 'text', (c) => c.notNull().references('eligibility.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('previous_state', 'text', (c) => c.check(sql`previous_state in ${STATES}`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${STATES}`))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('eligibility_transition_pk', ['eligibility_id', 'version'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('eligibility_transition').execute();
    await db.schema.dropTable('eligibility').execute();
    await db.schema.dropTable('candidate').execute();
  },
};
