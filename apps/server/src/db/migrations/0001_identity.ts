import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

/** Accounts, portal users, applications and keys, subscriptions, tiers, tokens, audit and usage. */
export const identityMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('throttling_tier')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('requests_per_minute', 'integer')
      .addColumn('requests_per_day', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('throttling_tier_positive', sql`coalesce(requests_per_minute, 1) > 0 and coalesce(requests_per_day, 1) > 0`)
      .execute();
    const seededAt = '2026-01-01T00:00:00.000Z';
    await db
      .insertInto('throttling_tier')
      .values([
        { name: 'Bronze', description: '1,000 requests a minute, 100,000 a day', requests_per_minute: 1000, requests_per_day: 100_000, created_at: seededAt },
        { name: 'Silver', description: '2,000 requests a minute, 500,000 a day', requests_per_minute: 2000, requests_per_day: 500_000, created_at: seededAt },
        { name: 'Gold', description: '5,000 requests a minute, 2,000,000 a day', requests_per_minute: 5000, requests_per_day: 2_000_000, created_at: seededAt },
        { name: 'Unlimited', description: 'No limit', requests_per_minute: null, requests_per_day: null, created_at: seededAt },
      ])
      .execute();

    await db.schema
      .createTable('account')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('account_role')
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_role_pk', ['account_id', 'role'])
      .execute();

    await db.schema
      .createTable('account_cidr')
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('cidr', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_cidr_pk', ['account_id', 'cidr'])
      .execute();

    await db.schema
      .createTable('portal_user')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().check(sql`must_change_password in (0, 1)`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('application')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('throttling_tier', 'text', (c) => c.notNull().references('throttling_tier.name'))
      .addColumn('password_grant_enabled', 'integer', (c) => c.notNull().check(sql`password_grant_enabled in (0, 1)`))
      .addColumn('access_token_ttl_seconds', 'integer', (c) => c.notNull().check(sql`access_token_ttl_seconds between 60 and 86400`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('application_account_name_unique', ['account_id', 'name'])
      .execute();

    await db.schema
      .createTable('application_key')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
      .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
      .addColumn('consumer_key', 'text', (c) => c.notNull().unique())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('previous_secret_hash', 'text')
      .addColumn('previous_secret_expires_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('rotated_at', 'text')
      .addUniqueConstraint('application_key_one_per_environment', ['application_id', 'environment'])
      .execute();

    await db.schema
      .createTable('subscription')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('throttling_tier', 'text', (c) => c.notNull().references('throttling_tier.name'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'blocked')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('subscription_application_service_unique', ['application_id', 'service'])
      .execute();

    for (const table of ['access_token', 'refresh_token'] as const) {
      let builder = db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
        .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
        .addColumn('user_id', 'text', (c) => c.references('portal_user.id').onDelete('cascade'))
        .addColumn('family_id', 'text', (c) => (table === 'refresh_token' ? c.notNull() : c))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text');
      if (table === 'refresh_token') builder = builder.addColumn('used_at', 'text');
      await builder.execute();
      await db.schema.createIndex(`${table}_family_idx`).on(table).column('family_id').execute();
      await db.schema.createIndex(`${table}_expires_idx`).on(table).column('expires_at').execute();
      await db.schema.createIndex(`${table}_application_idx`).on(table).column('application_id').execute();
    }

    await db.schema
      .createTable('audit_event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_event_account_idx').on('audit_event').columns(['account_id', 'occurred_at']).execute();

    await db.schema
      .createTable('usage_minute')
      .addColumn('minute', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('request_count', 'integer', (c) => c.notNull())
      .addColumn('total_latency_ms', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('usage_minute_pk', ['minute', 'application_id', 'environment', 'service', 'version', 'operation', 'status'])
      .execute();
    await db.schema.createIndex('usage_minute_account_idx').on('usage_minute').columns(['account_id', 'minute']).execute();
  },

  async down(db: Kysely<any>) {
    for (const table of [
      'usage_minute',
      'audit_event',
      'refresh_token',
      'access_token',
      'subscription',
      'application_key',
      'application',
      'portal_user',
      'account_cidr',
      'account_role',
      'account',
      'throttling_tier',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
