import { type Kysely, type Migration, sql } from 'kysely';

export const testPublicationMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('test')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('test_code', 'text', (c) => c.notNull().check(sql`length(test_code) between 1 and 32`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'published', 'retired')`))
      .addColumn('current_version', 'integer', (c) => c.notNull().check(sql`current_version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('test_code_unique', ['account_id', 'environment', 'test_code'])
      .execute();
    await db.schema
      .createTable('test_version')
      .addColumn('test_id', 'text', (c) => c.notNull().references('test.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes between 1 and 1440`))
      .addColumn('delivery_modes', 'text', (c) => c.notNull())
      .addColumn('price_amount', 'integer', (c) => c.notNull().check(sql`price_amount >= 0`))
      .addColumn('price_currency', 'text', (c) => c.notNull().check(sql`length(price_currency) = 3`))
      .addColumn('portions', 'text', (c) => c.notNull())
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('delivery_countries', 'text', (c) => c.notNull())
      .addColumn('delivery_location_codes', 'text', (c) => c.notNull())
      .addColumn('policies', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('test_version_pk', ['test_id', 'version'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('test_version').execute();
    await db.schema.dropTable('test').execute();
  },
};
