import { type Kysely, type Migration, sql } from 'kysely';

const SERVICES = sql`service in ('test-center-notification', 'booking-notification', 'proctoring-results', 'proctoring-results-notification', 'assessment-results', 'assessment-results-notification')`;

export const notificationsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('outbox_event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('service', 'text', (c) => c.notNull().check(SERVICES))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('entity_version', 'integer', (c) => c.notNull().check(sql`entity_version >= 1`))
      .addColumn('previous_state', 'text')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // The dispatcher scans new events in commit-ish order (ids sort by time).
    await db.schema.createIndex('outbox_event_dispatch').on('outbox_event').columns(['created_at', 'id']).execute();
    // Per-entity ordering: one event per entity version and service, found by entity in version order.
    await db.schema
      .createIndex('outbox_event_entity_version')
      .on('outbox_event')
      .columns(['account_id', 'environment', 'service', 'entity_type', 'entity_id', 'entity_version'])
      .unique()
      .execute();

    await db.schema
      .createTable('notification_endpoint')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('service', 'text', (c) => c.notNull().check(SERVICES))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('auth_type', 'text', (c) => c.notNull().check(sql`auth_type in ('none', 'basic', 'bearer')`))
      .addColumn('auth_secret', 'text')
      .addColumn('event_types', 'text')
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('v2', 'psi-v1')`))
      .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled in (0, 1)`))
      .addColumn('signing_secret', 'text', (c) => c.notNull())
      .addColumn('previous_signing_secret', 'text')
      .addColumn('previous_secret_expires_at', 'text')
      .addColumn('disabled_reason', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // The PSI payload exists for Booking Notification only.
      .addCheckConstraint('notification_endpoint_format', sql`format = 'v2' or service = 'booking-notification'`)
      .addCheckConstraint('notification_endpoint_auth', sql`(auth_type = 'none') = (auth_secret is null)`)
      .addCheckConstraint('notification_endpoint_previous_secret', sql`(previous_signing_secret is null) = (previous_secret_expires_at is null)`)
      .execute();
    await db.schema.createIndex('notification_endpoint_scope').on('notification_endpoint').columns(['account_id', 'environment', 'id']).execute();
    // The dispatcher finds the endpoints of an event's service.
    await db.schema
      .createIndex('notification_endpoint_service')
      .on('notification_endpoint')
      .columns(['account_id', 'environment', 'service', 'enabled'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('notification_endpoint').execute();
    await db.schema.dropTable('outbox_event').execute();
  },
};
