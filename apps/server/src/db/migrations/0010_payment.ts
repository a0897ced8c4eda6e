import { type Kysely, type Migration, sql } from 'kysely';

const ENVIRONMENTS = sql`environment in ('production', 'sandbox')`;
const OUTCOMES = sql`state in ('pending', 'succeeded', 'failed')`;

/**
 * The payment service's tables (issue 4): payments (for a hold, a booking or a booking fee; card or invoice) and
 * their refunds. Money is integer minor units + ISO 4217. Card data is the brand, last four digits and expiry
 * only: the full number and the CVC never reach the database.
 */
export const paymentMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('payment')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(ENVIRONMENTS))
      .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('hold', 'booking', 'fee')`))
      .addColumn('hold_id', 'text', (c) => c.references('hold.id'))
      .addColumn('booking_id', 'text', (c) => c.references('booking.id'))
      .addColumn('fee_kind', 'text', (c) => c.check(sql`fee_kind in ('reschedule_fee', 'cancellation_fee', 'no_show_fee')`))
      .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('card', 'invoice')`))
      .addColumn('state', 'text', (c) => c.notNull().check(OUTCOMES))
      .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('refunded_amount', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('card_brand', 'text')
      .addColumn('card_last4', 'text')
      .addColumn('card_exp_month', 'integer')
      .addColumn('card_exp_year', 'integer')
      .addColumn('card_holder_name', 'text')
      .addColumn('processor', 'text')
      .addColumn('processor_reference', 'text')
      .addColumn('failure_code', 'text')
      .addColumn('failure_message', 'text')
      .addColumn('idempotency_key', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('settled_at', 'text')
      // Never more refunded than paid, whatever the code does: refunds (pending ones included) add to refunded_amount
      // with a guarded UPDATE, and this CHECK is the last word under any concurrency.
      .addCheckConstraint('payment_refunds_within_amount', sql`refunded_amount >= 0 and refunded_amount <= amount`)
      .addCheckConstraint('payment_refunds_only_when_succeeded', sql`state = 'succeeded' or refunded_amount = 0`)
      .addCheckConstraint(
        'payment_purpose_links',
        sql`(purpose = 'hold' and hold_id is not null and fee_kind is null)
         or (purpose = 'booking' and booking_id is not null and hold_id is null and fee_kind is null)
         or (purpose = 'fee' and booking_id is not null and hold_id is null and fee_kind is not null)`,
      )
      .addCheckConstraint(
        'payment_card_summary',
        sql`(method = 'card' and card_brand is not null and card_last4 is not null and length(card_last4) = 4)
         or (method = 'invoice' and card_brand is null and card_last4 is null)`,
      )
      .addCheckConstraint('payment_settled', sql`(state = 'pending') = (settled_at is null)`)
      .execute();
    // One live (pending or succeeded) payment per hold: a second charge for the same seat fails here.
    await db.schema
      .createIndex('payment_one_live_per_hold')
      .on('payment')
      .columns(['hold_id'])
      .unique()
      .where(sql<boolean>`purpose = 'hold' and state <> 'failed'`)
      .execute();
    await db.schema.createIndex('payment_by_account').on('payment').columns(['account_id', 'environment', 'id']).execute();
    await db.schema.createIndex('payment_by_booking').on('payment').columns(['booking_id', 'id']).execute();
    // Statements read an account's invoice charges of a month; reconciliation reads old pending payments.
    await db.schema.createIndex('payment_by_statement').on('payment').columns(['account_id', 'environment', 'method', 'settled_at']).execute();
    await db.schema.createIndex('payment_by_state').on('payment').columns(['state', 'created_at']).execute();

    await db.schema
      .createTable('refund')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('payment_id', 'text', (c) => c.notNull().references('payment.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(ENVIRONMENTS))
      .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(OUTCOMES))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('processor_reference', 'text')
      .addColumn('failure_message', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().check(sql`attempts >= 0`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('settled_at', 'text')
      .addCheckConstraint('refund_settled', sql`(state = 'pending') = (settled_at is null)`)
      .execute();
    await db.schema.createIndex('refund_by_payment').on('refund').columns(['payment_id', 'id']).execute();
    await db.schema.createIndex('refund_by_state').on('refund').columns(['state', 'created_at']).execute();
    await db.schema.createIndex('refund_by_statement').on('refund').columns(['account_id', 'environment', 'settled_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('refund').execute();
    await db.schema.dropTable('payment').execute();
  },
};
