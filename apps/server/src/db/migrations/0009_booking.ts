import { type Kysely, type Migration, sql } from 'kysely';

const ENVIRONMENTS = sql`environment in ('production', 'sandbox')`;
const MODES = sql`delivery_mode in ('SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED')`;
const HOLD_STATES = sql`state in ('active', 'confirmed', 'expired', 'released')`;
const BOOKING_STATES_LIST = `'confirmed', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show', 'excused_absence'`;
const BOOKING_STATES = sql.raw(`(${BOOKING_STATES_LIST})`);
/** A transition's previous state may also be `held` (the creation: hold → confirmed). */
const PREVIOUS_STATES = sql.raw(`('held', ${BOOKING_STATES_LIST})`);

/**
 * The booking service's tables (issue 4): the seat inventory (`seat_cell`), holds, bookings and their history.
 * Why seats are counted in 30-minute cells with a CHECK is explained in docs/adr/0005-seat-inventory.md.
 */
export const bookingMigration: Migration = {
  async up(db: Kysely<any>) {
    // One row per capacity pool (a centre's id, or 'ONLINE' for remote proctoring) and 30-minute cell (UTC start),
    // per environment (sandbox bookings never take production seats). Created lazily by the first hold that needs
    // it. The CHECK is the last word on "never sell a seat twice": no transaction can commit taken > capacity.
    await db.schema
      .createTable('seat_cell')
      .addColumn('environment', 'text', (c) => c.notNull().check(ENVIRONMENTS))
      .addColumn('pool', 'text', (c) => c.notNull())
      .addColumn('cell_start', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity >= 0`))
      .addColumn('taken', 'integer', (c) => c.notNull())
      .addCheckConstraint('seat_cell_taken_within_capacity', sql`taken >= 0 and taken <= capacity`)
      .addPrimaryKeyConstraint('seat_cell_pk', ['environment', 'pool', 'cell_start'])
      .execute();

    await db.schema
      .createTable('hold')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(ENVIRONMENTS))
      .addColumn('eligibility_id', 'text', (c) => c.notNull().references('eligibility.id').onDelete('cascade'))
      .addColumn('test_id', 'text', (c) => c.notNull().references('test.id').onDelete('cascade'))
      .addColumn('test_code', 'text', (c) => c.notNull())
      .addColumn('test_version', 'integer', (c) => c.notNull().check(sql`test_version >= 1`))
      .addColumn('delivery_mode', 'text', (c) => c.notNull().check(MODES))
      .addColumn('test_center_id', 'text', (c) => c.references('test_center.id'))
      .addColumn('pool', 'text', (c) => c.notNull())
      .addColumn('slot_id', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('price_amount', 'integer', (c) => c.notNull().check(sql`price_amount >= 0`))
      .addColumn('price_currency', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(HOLD_STATES))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('hold_range_ordered', sql`ends_at > starts_at`)
      .addCheckConstraint('hold_centre_for_site', sql`(delivery_mode = 'SITE_PROCTORED') = (test_center_id is not null)`)
      .execute();
    // One live hold per eligibility: a new hold replaces the previous one (the service releases it first).
    await db.schema
      .createIndex('hold_one_active_per_eligibility')
      .on('hold')
      .columns(['eligibility_id'])
      .unique()
      .where(sql<boolean>`state = 'active'`)
      .execute();
    await db.schema.createIndex('hold_by_account_state').on('hold').columns(['account_id', 'environment', 'state', 'expires_at']).execute();
    // The expiry job's scan.
    await db.schema.createIndex('hold_by_state_expiry').on('hold').columns(['state', 'expires_at']).execute();

    await db.schema
      .createTable('booking')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('booking_code', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(ENVIRONMENTS))
      .addColumn('hold_id', 'text', (c) => c.notNull().unique().references('hold.id'))
      .addColumn('eligibility_id', 'text', (c) => c.notNull().references('eligibility.id').onDelete('cascade'))
      .addColumn('candidate_ref', 'text', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
      .addColumn('test_id', 'text', (c) => c.notNull().references('test.id').onDelete('cascade'))
      .addColumn('test_code', 'text', (c) => c.notNull())
      .addColumn('test_version', 'integer', (c) => c.notNull().check(sql`test_version >= 1`))
      .addColumn('delivery_mode', 'text', (c) => c.notNull().check(MODES))
      .addColumn('test_center_id', 'text', (c) => c.references('test_center.id'))
      .addColumn('pool', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('previous_starts_at', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${BOOKING_STATES}`))
      .addColumn('previous_state', 'text')
      .addColumn('state_reason', 'text')
      .addColumn('cancelled_by', 'text', (c) => c.check(sql`cancelled_by in ('partner', 'candidate', 'provider')`))
      .addColumn('cancel_reason', 'text')
      .addColumn('cancel_fee_amount', 'integer')
      .addColumn('refund_amount', 'integer')
      .addColumn('price_amount', 'integer', (c) => c.notNull().check(sql`price_amount >= 0`))
      .addColumn('price_currency', 'text', (c) => c.notNull())
      .addColumn('discount_amount', 'integer', (c) => c.notNull().check(sql`discount_amount >= 0`))
      .addColumn('amount_due', 'integer', (c) => c.notNull().check(sql`amount_due >= 0`))
      .addColumn('voucher_id', 'text', (c) => c.references('voucher.id'))
      .addColumn('payment_method', 'text', (c) => c.check(sql`payment_method in ('card', 'invoice', 'voucher', 'none')`))
      // The test version's policy document as it was when the booking was made: changes and fees follow it.
      .addColumn('policies', 'text', (c) => c.notNull())
      .addColumn('reschedule_count', 'integer', (c) => c.notNull().check(sql`reschedule_count >= 0`))
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('booking_range_ordered', sql`ends_at > starts_at`)
      .addCheckConstraint('booking_centre_for_site', sql`(delivery_mode = 'SITE_PROCTORED') = (test_center_id is not null)`)
      .addCheckConstraint('booking_cancellation', sql`(state = 'cancelled') = (cancelled_by is not null)`)
      .execute();
    // At most one live booking per eligibility, whatever races: the second confirm fails on this index.
    await db.schema
      .createIndex('booking_one_live_per_eligibility')
      .on('booking')
      .columns(['eligibility_id'])
      .unique()
      .where(sql<boolean>`state in ('confirmed', 'checked_in', 'in_progress')`)
      .execute();
    await db.schema.createIndex('booking_by_account_start').on('booking').columns(['account_id', 'environment', 'starts_at', 'id']).execute();
    await db.schema.createIndex('booking_by_candidate').on('booking').columns(['candidate_ref', 'starts_at']).execute();
    await db.schema.createIndex('booking_by_eligibility').on('booking').columns(['eligibility_id', 'starts_at']).execute();
    // Provider cancellations (closures, seat cuts) and the no-show job look bookings up by centre/state and start.
    await db.schema.createIndex('booking_by_center_start').on('booking').columns(['test_center_id', 'starts_at']).execute();
    await db.schema.createIndex('booking_by_state_start').on('booking').columns(['state', 'starts_at']).execute();

    await db.schema
      .createTable('booking_transition')
      .addColumn('booking_id', 'text', (c) => c.notNull().references('booking.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('previous_state', 'text', (c) => c.check(sql`previous_state in ${PREVIOUS_STATES}`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${BOOKING_STATES}`))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('previous_starts_at', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('booking_transition_pk', ['booking_id', 'version'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('booking_transition').execute();
    await db.schema.dropTable('booking').execute();
    await db.schema.dropTable('hold').execute();
    await db.schema.dropTable('seat_cell').execute();
  },
};
