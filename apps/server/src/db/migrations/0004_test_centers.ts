import { type Kysely, type Migration, sql } from 'kysely';

export const testCentersMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('test_center')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('location_code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address_line1', 'text', (c) => c.notNull())
      .addColumn('address_line2', 'text')
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('postal_code', 'text')
      .addColumn('country', 'text', (c) => c.notNull().check(sql`length(country) = 2`))
      // double precision: REAL affinity in SQLite, float8 in PostgreSQL (pg parses it to a JS number).
      .addColumn('latitude', 'double precision', (c) => c.notNull().check(sql`latitude between -90 and 90`))
      .addColumn('longitude', 'double precision', (c) => c.notNull().check(sql`longitude between -180 and 180`))
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 0`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'closed')`))
      .addColumn('opening_hours', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('test_center_country_idx').on('test_center').columns(['country', 'region']).execute();
    await db.schema
      .createTable('test_center_closure')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('test_center_id', 'text', (c) => c.notNull().references('test_center.id').onDelete('cascade'))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      // ISO-8601 UTC text with milliseconds sorts as time, so the comparison holds in both dialects.
      .addColumn('ends_at', 'text', (c) => c.notNull().check(sql`ends_at > starts_at`))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'cancelled')`))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('cancelled_by', 'text')
      .addColumn('cancelled_at', 'text')
      .execute();
    await db.schema.createIndex('test_center_closure_center_idx').on('test_center_closure').columns(['test_center_id', 'ends_at']).execute();
    await db.schema
      .createTable('test_center_capacity_change')
      .addColumn('test_center_id', 'text', (c) => c.notNull().references('test_center.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('previous_seats', 'integer', (c) => c.notNull().check(sql`previous_seats >= 0`))
      .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 0`))
      .addColumn('reason', 'text')
      .addColumn('changed_by', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('test_center_capacity_change_pk', ['test_center_id', 'version'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('test_center_capacity_change').execute();
    await db.schema.dropTable('test_center_closure').execute();
    await db.schema.dropTable('test_center').execute();
  },
};
