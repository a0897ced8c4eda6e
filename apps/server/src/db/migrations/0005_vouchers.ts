import { type Kysely, type Migration, sql } from 'kysely';

const STATES = sql`state in ('issued', 'reserved', 'redeemed', 'restored', 'forfeited', 'expired', 'void')`;

export const vouchersMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('voucher_batch')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('test_codes', 'text', (c) => c.notNull())
      .addColumn('discount_kind', 'text', (c) => c.notNull().check(sql`discount_kind in ('percent', 'amount', 'full')`))
      .addColumn('discount_percent', 'integer')
      .addColumn('discount_amount', 'integer')
      .addColumn('discount_currency', 'text')
      .addColumn('code_prefix', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('max_uses', 'integer', (c) => c.notNull().check(sql`max_uses >= 1`))
      .addColumn('code_count', 'integer', (c) => c.notNull().check(sql`code_count between 1 and 10000`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'void')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // The discount's fields match its kind: a percent batch has a percent 1–100, an amount batch an amount and currency.
      .addCheckConstraint(
        'voucher_batch_discount',
        sql`(discount_kind = 'percent' and discount_percent between 1 and 100 and discount_amount is null and discount_currency is null)
         or (discount_kind = 'amount' and discount_percent is null and discount_amount > 0 and discount_currency is not null)
         or (discount_kind = 'full' and discount_percent is null and discount_amount is null and discount_currency is null)`,
      )
      .execute();
    await db.schema.createIndex('voucher_batch_scope').on('voucher_batch').columns(['account_id', 'environment', 'id']).execute();

    await db.schema
      .createTable('voucher')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('batch_id', 'text', (c) => c.notNull().references('voucher_batch.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('state', 'text', (c) => c.notNull().check(STATES))
      .addColumn('previous_state', 'text')
      .addColumn('uses', 'integer', (c) => c.notNull().check(sql`uses >= 0`))
      .addColumn('max_uses', 'integer', (c) => c.notNull().check(sql`max_uses >= 1`))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('reserved_for_type', 'text', (c) => c.check(sql`reserved_for_type in ('eligibility', 'booking')`))
      .addColumn('reserved_for_id', 'text')
      .addColumn('reserved_at', 'text')
      .addColumn('redeemed_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // The last line of defence against a double redemption: no code is ever used more than its limit.
      .addCheckConstraint('voucher_uses_limit', sql`uses <= max_uses`)
      // A reserved code names what holds it; any other state holds nothing.
      .addCheckConstraint(
        'voucher_reservation',
        sql`(state = 'reserved' and reserved_for_type is not null and reserved_for_id is not null and reserved_at is not null)
         or (state <> 'reserved' and reserved_for_type is null and reserved_for_id is null and reserved_at is null)`,
      )
      .execute();
    await db.schema.createIndex('voucher_batch_codes').on('voucher').columns(['batch_id', 'id']).execute();
    await db.schema.createIndex('voucher_reserved_for').on('voucher').columns(['reserved_for_type', 'reserved_for_id']).execute();
    // The expiry job looks for usable codes past their date.
    await db.schema.createIndex('voucher_expiry').on('voucher').columns(['expires_at', 'state']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('voucher').execute();
    await db.schema.dropTable('voucher_batch').execute();
  },
};
