import { type Kysely, type Migration, sql } from 'kysely';

const SERVICES = sql`service in ('test-center-notification', 'booking-notification', 'proctoring-results', 'proctoring-results-notification', 'assessment-results', 'assessment-results-notification')`;

/**
 * The dispatcher's tables: one `delivery` per (event, endpoint), every attempt in `delivery_attempt`, bulk resends in
 * `resend_job`; plus `outbox_event.dispatched_at` (fanned out to deliveries) and `notification_endpoint.failing_since`
 * (start of the current run of failures, for the auto-disable after days of failure).
 */
export const deliveriesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('outbox_event').addColumn('dispatched_at', 'text').execute();
    // The fan-out scans only events not yet turned into deliveries: a small partial index however large the outbox grows.
    await db.schema.createIndex('outbox_event_undispatched').on('outbox_event').columns(['id']).where(sql.ref('dispatched_at'), 'is', null).execute();
    await db.schema.alterTable('notification_endpoint').addColumn('failing_since', 'text').execute();

    await db.schema
      .createTable('delivery')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('outbox_event.id').onDelete('cascade'))
      .addColumn('endpoint_id', 'text', (c) => c.notNull().references('notification_endpoint.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('service', 'text', (c) => c.notNull().check(SERVICES))
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('entity_version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().check(sql`attempts >= 0`))
      .addColumn('round_attempts', 'integer', (c) => c.notNull().check(sql`round_attempts >= 0`))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addColumn('failed_at', 'text')
      .addCheckConstraint('delivery_lease', sql`(lease_owner is null) = (lease_expires_at is null)`)
      .execute();
    // At least once, but one delivery row per event and endpoint: a fan-out that runs twice inserts nothing new.
    await db.schema.createIndex('delivery_event_endpoint').on('delivery').columns(['event_id', 'endpoint_id']).unique().execute();
    // The claim: due pending deliveries, oldest due first.
    await db.schema.createIndex('delivery_due').on('delivery').columns(['next_attempt_at', 'id']).where(sql.ref('status'), '=', 'pending').execute();
    // Per-entity ordering: an earlier version to the same endpoint that is still pending holds the later ones back.
    await db.schema
      .createIndex('delivery_entity_order')
      .on('delivery')
      .columns(['endpoint_id', 'entity_type', 'entity_id', 'entity_version'])
      .where(sql.ref('status'), '=', 'pending')
      .execute();
    await db.schema.createIndex('delivery_scope').on('delivery').columns(['account_id', 'environment', 'status', 'id']).execute();

    await db.schema
      .createTable('delivery_attempt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('delivery_id', 'text', (c) => c.notNull().references('delivery.id').onDelete('cascade'))
      .addColumn('attempt', 'integer', (c) => c.notNull().check(sql`attempt >= 1`))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('delivered', 'retry', 'failed', 'gone')`))
      .addColumn('status_code', 'integer')
      .addColumn('latency_ms', 'integer', (c) => c.notNull())
      .addColumn('response_excerpt', 'text')
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('delivery_attempt_delivery').on('delivery_attempt').columns(['delivery_id', 'attempt']).execute();

    await db.schema
      .createTable('resend_job')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'completed')`))
      .addColumn('filter', 'text', (c) => c.notNull())
      .addColumn('total', 'integer')
      .addColumn('processed', 'integer', (c) => c.notNull())
      .addColumn('last_delivery_id', 'text')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('resend_job_open').on('resend_job').columns(['status', 'id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('resend_job').execute();
    await db.schema.dropTable('delivery_attempt').execute();
    await db.schema.dropTable('delivery').execute();
    await db.schema.alterTable('notification_endpoint').dropColumn('failing_since').execute();
    await db.schema.dropIndex('outbox_event_undispatched').execute();
    await db.schema.alterTable('outbox_event').dropColumn('dispatched_at').execute();
  },
};
