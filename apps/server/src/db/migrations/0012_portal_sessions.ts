import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

/**
 * The portal (issue 8): coordinators (admin console users), browser sessions of partner users and coordinators
 * (only a hash of the session id is stored), and failed sign-ins per username for the lockout.
 */
export const portalSessionsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('coordinator')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().check(sql`must_change_password in (0, 1)`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // Exactly one of user_id / coordinator_id, matching the realm: a store session can never act as a coordinator.
    await db.schema
      .createTable('portal_session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_hash', 'text', (c) => c.notNull().unique())
      .addColumn('realm', 'text', (c) => c.notNull().check(sql`realm in ('store', 'admin')`))
      .addColumn('user_id', 'text', (c) => c.references('portal_user.id').onDelete('cascade'))
      .addColumn('coordinator_id', 'text', (c) => c.references('coordinator.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addCheckConstraint(
        'portal_session_one_principal',
        sql`(realm = 'store' and user_id is not null and coordinator_id is null) or (realm = 'admin' and coordinator_id is not null and user_id is null)`,
      )
      .execute();
    await db.schema.createIndex('portal_session_user_idx').on('portal_session').column('user_id').execute();
    await db.schema.createIndex('portal_session_coordinator_idx').on('portal_session').column('coordinator_id').execute();

    // Keyed by realm and the username as typed (normalised), known or not: a lockout reveals nothing about existence.
    await db.schema
      .createTable('portal_login_failure')
      .addColumn('realm', 'text', (c) => c.notNull().check(sql`realm in ('store', 'admin')`))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
      .addColumn('window_started_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addPrimaryKeyConstraint('portal_login_failure_pk', ['realm', 'username'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('portal_login_failure').execute();
    await db.schema.dropTable('portal_session').execute();
    await db.schema.dropTable('coordinator').execute();
  },
};
