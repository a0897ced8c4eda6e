import { type Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrations, type Dialect, migrateAllDown, migrateToLatest, shippedMigrationNames } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../harness.ts';

/**
 * Tables whose exact columns this suite pins: those of the identity foundation and the shared platform. The type
 * keeps each listed table in step with schema.ts (a column added there and not here fails the type check), and the
 * test compares the lists with the migrated database. Tables that modules add later are covered by the whole-schema
 * checks: created by up, all gone after down, the same set again after the second up.
 */
const PINNED: { [T in keyof Database]?: Record<keyof Database[T], 1> } = {
  throttling_tier: { name: 1, description: 1, requests_per_minute: 1, requests_per_day: 1, created_at: 1 },
  account: { id: 1, account_code: 1, name: 1, status: 1, created_at: 1, updated_at: 1 },
  account_role: { account_id: 1, role: 1 },
  account_cidr: { account_id: 1, cidr: 1 },
  portal_user: {
    id: 1,
    account_id: 1,
    username: 1,
    email: 1,
    password_hash: 1,
    must_change_password: 1,
    status: 1,
    created_at: 1,
    updated_at: 1,
  },
  application: {
    id: 1,
    account_id: 1,
    name: 1,
    description: 1,
    throttling_tier: 1,
    password_grant_enabled: 1,
    access_token_ttl_seconds: 1,
    status: 1,
    created_at: 1,
    updated_at: 1,
  },
  application_key: {
    id: 1,
    application_id: 1,
    environment: 1,
    consumer_key: 1,
    secret_hash: 1,
    previous_secret_hash: 1,
    previous_secret_expires_at: 1,
    created_at: 1,
    rotated_at: 1,
  },
  subscription: { id: 1, application_id: 1, service: 1, throttling_tier: 1, status: 1, created_at: 1, updated_at: 1 },
  access_token: {
    id: 1,
    token_hash: 1,
    application_id: 1,
    environment: 1,
    user_id: 1,
    family_id: 1,
    scope: 1,
    issued_at: 1,
    expires_at: 1,
    revoked_at: 1,
    found_by_hash: 1,
  },
  refresh_token: {
    id: 1,
    token_hash: 1,
    family_id: 1,
    application_id: 1,
    environment: 1,
    user_id: 1,
    scope: 1,
    issued_at: 1,
    expires_at: 1,
    used_at: 1,
    revoked_at: 1,
  },
  audit_event: { id: 1, occurred_at: 1, actor: 1, account_id: 1, action: 1, target_type: 1, target_id: 1, details: 1 },
  usage_minute: {
    minute: 1,
    account_id: 1,
    application_id: 1,
    environment: 1,
    service: 1,
    version: 1,
    operation: 1,
    status: 1,
    request_count: 1,
    total_latency_ms: 1,
  },
  idempotency_key: {
    account_id: 1,
    environment: 1,
    operation: 1,
    idempotency_key: 1,
    request_hash: 1,
    response_status: 1,
    response_body: 1,
    created_at: 1,
  },
};

/** The migrator's own bookkeeping: it stays after every migration is undone, and nothing else may. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];
const SEEDED_TIERS = ['Bronze', 'Gold', 'Silver', 'Unlimited'];

/** Tables of this test's database only: SQLite's catalogue, or PostgreSQL's for the test's own schema. */
async function tableNames(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`;
  return (await query.execute(db)).rows.map((row) => row.name).sort();
}

async function columnNames(db: Kysely<Database>, dialect: Dialect, table: string): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from pragma_table_info(${table})`
      : sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`;
  return (await query.execute(db)).rows.map((row) => row.name).sort();
}

/** Indexes on anything but the migrator's tables (a down migration that forgets one leaves it behind). */
async function atlasIndexNames(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name not like 'kysely_%'`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename not like 'kysely_%'`;
  return (await query.execute(db)).rows.map((row) => row.name).sort();
}

/** Checks the migrated schema and returns its tables. */
async function expectFullyMigrated(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const tables = await tableNames(db, dialect);
  expect(tables).toEqual(expect.arrayContaining([...Object.keys(PINNED), ...MIGRATOR_TABLES]));
  for (const [table, columns] of Object.entries(PINNED)) {
    expect({ table, columns: await columnNames(db, dialect, table) }).toEqual({ table, columns: Object.keys(columns).sort() });
  }
  const tiers = await db.selectFrom('throttling_tier').selectAll().orderBy('name').execute();
  expect(tiers.map((tier) => tier.name)).toEqual(SEEDED_TIERS);
  expect(tiers.find((tier) => tier.name === 'Unlimited')).toMatchObject({ requests_per_minute: null, requests_per_day: null });
  expect(tiers.find((tier) => tier.name === 'Bronze')).toMatchObject({ requests_per_minute: 1000, requests_per_day: 100_000 });
  expect(await appliedMigrations(db)).toEqual(shippedMigrationNames());
  return tables;
}

async function expectNoAtlasSchema(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  expect(await tableNames(db, dialect)).toEqual(MIGRATOR_TABLES);
  expect(await atlasIndexNames(db, dialect)).toEqual([]);
  expect(await appliedMigrations(db)).toEqual([]);
}

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let database: TestDatabase | undefined;

  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('run up, all the way down and up again: the declared tables and columns after each up, nothing of Atlas after down', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const { db } = database;
    expect(shippedMigrationNames().length).toBeGreaterThan(0);
    expect(await tableNames(db, dialect)).toEqual([]);

    const up = await migrateToLatest(db);
    expect(up.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual(shippedMigrationNames().map((name) => [name, 'Up', 'Success']));
    const tablesAfterUp = await expectFullyMigrated(db, dialect);

    const down = await migrateAllDown(db);
    expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual(
      [...shippedMigrationNames()].reverse().map((name) => [name, 'Down', 'Success']),
    );
    await expectNoAtlasSchema(db, dialect);

    await migrateToLatest(db);
    expect(await expectFullyMigrated(db, dialect)).toEqual(tablesAfterUp);
  });

  it('applying the migrations again on an up-to-date database changes nothing and seeds no second set of tiers', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    await migrateToLatest(database.db);
    const again = await migrateToLatest(database.db);
    expect(again.results).toEqual([]);
    await expectFullyMigrated(database.db, dialect);
  });
});

/** The constraint a database error reports, whichever dialect raised it. */
function constraintOf(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const kinds: Record<string, string> = {
    '23505': 'unique',
    '23503': 'foreign_key',
    '23514': 'check',
    SQLITE_CONSTRAINT_UNIQUE: 'unique',
    SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
    SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
    SQLITE_CONSTRAINT_CHECK: 'check',
  };
  return kinds[code] ?? `not a constraint violation: ${code} ${(error as Error)?.message}`;
}

async function expectRefused(statement: Promise<unknown>, constraint: 'unique' | 'foreign_key' | 'check'): Promise<void> {
  const error = await statement.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `the database accepted a row its ${constraint} constraint should refuse`).toBeDefined();
  expect(constraintOf(error)).toBe(constraint);
}

describe.each(DIALECTS)('database invariants on %s', (dialect) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let sequence = 0;
  const now = '2026-02-01T10:00:00.000Z';

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.db;
  });
  afterAll(() => database.close());

  async function insertAccount(accountCode?: string): Promise<string> {
    sequence += 1;
    const id = `acc_inv${sequence}`;
    await db
      .insertInto('account')
      .values({
        id,
        account_code: accountCode ?? `INV${String(sequence).padStart(5, '0')}`,
        name: `Board ${sequence}`,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async function insertApplication(accountId: string): Promise<string> {
    sequence += 1;
    const id = `app_inv${sequence}`;
    await db
      .insertInto('application')
      .values({
        id,
        account_id: accountId,
        name: `App ${sequence}`,
        description: null,
        throttling_tier: 'Bronze',
        password_grant_enabled: 1,
        access_token_ttl_seconds: 3600,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  function keyRow(applicationId: string, environment: 'production' | 'sandbox') {
    sequence += 1;
    return {
      id: `key_inv${sequence}`,
      application_id: applicationId,
      environment,
      consumer_key: `consumerkey${sequence}`,
      secret_hash: 'f'.repeat(64),
      previous_secret_hash: null,
      previous_secret_expires_at: null,
      created_at: now,
      rotated_at: null,
    };
  }

  function subscriptionRow(applicationId: string, service: string, tier: string) {
    sequence += 1;
    return {
      id: `sub_inv${sequence}`,
      application_id: applicationId,
      service,
      throttling_tier: tier,
      status: 'active' as const,
      created_at: now,
      updated_at: now,
    };
  }

  it('refuses a second application key for the same application and environment', async () => {
    const applicationId = await insertApplication(await insertAccount());
    await db.insertInto('application_key').values(keyRow(applicationId, 'sandbox')).execute();
    await db.insertInto('application_key').values(keyRow(applicationId, 'production')).execute();

    await expectRefused(db.insertInto('application_key').values(keyRow(applicationId, 'sandbox')).execute(), 'unique');
    const keys = await db.selectFrom('application_key').select('environment').where('application_id', '=', applicationId).orderBy('environment').execute();
    expect(keys.map((k) => k.environment)).toEqual(['production', 'sandbox']);
  });

  it('refuses a second account with an account code already in use', async () => {
    await insertAccount('DUPL2345');
    await expectRefused(insertAccount('DUPL2345'), 'unique');
    const rows = await db.selectFrom('account').select('id').where('account_code', '=', 'DUPL2345').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a subscription on a throttling tier that does not exist, and accepts one on a seeded tier', async () => {
    const applicationId = await insertApplication(await insertAccount());
    await expectRefused(
      db
        .insertInto('subscription')
        .values(subscriptionRow(applicationId, 'booking', 'Platinum'))
        .execute(),
      'foreign_key',
    );
    await db
      .insertInto('subscription')
      .values(subscriptionRow(applicationId, 'booking', 'Gold'))
      .execute();
    const rows = await db.selectFrom('subscription').select('throttling_tier').where('application_id', '=', applicationId).execute();
    expect(rows).toEqual([{ throttling_tier: 'Gold' }]);
  });

  it('refuses a second subscription of one application to the same service', async () => {
    const applicationId = await insertApplication(await insertAccount());
    await db
      .insertInto('subscription')
      .values(subscriptionRow(applicationId, 'payment', 'Gold'))
      .execute();
    await expectRefused(
      db
        .insertInto('subscription')
        .values(subscriptionRow(applicationId, 'payment', 'Silver'))
        .execute(),
      'unique',
    );
  });

  it('refuses an application key for an environment other than production or sandbox', async () => {
    const applicationId = await insertApplication(await insertAccount());
    const row = { ...keyRow(applicationId, 'sandbox'), environment: 'staging' as 'sandbox' };
    await expectRefused(db.insertInto('application_key').values(row).execute(), 'check');
  });

  it('refuses a throttling tier whose limit is zero', async () => {
    await expectRefused(
      db.insertInto('throttling_tier').values({ name: 'Zero', description: '', requests_per_minute: 0, requests_per_day: null, created_at: now }).execute(),
      'check',
    );
  });

  it('refuses a second idempotency record for the same account, environment, operation and key', async () => {
    const accountId = await insertAccount();
    const row = {
      account_id: accountId,
      environment: 'sandbox' as const,
      operation: 'createBooking',
      idempotency_key: 'key-1',
      request_hash: 'a'.repeat(64),
      response_status: null,
      response_body: null,
      created_at: now,
    };
    await db.insertInto('idempotency_key').values(row).execute();
    await expectRefused(
      db
        .insertInto('idempotency_key')
        .values({ ...row, request_hash: 'b'.repeat(64) })
        .execute(),
      'unique',
    );
    // The same key in the other environment is another request.
    await db
      .insertInto('idempotency_key')
      .values({ ...row, environment: 'production' })
      .execute();
  });

  it('deleting an account deletes its applications, keys and subscriptions with it', async () => {
    const accountId = await insertAccount();
    const applicationId = await insertApplication(accountId);
    await db.insertInto('application_key').values(keyRow(applicationId, 'production')).execute();
    await db
      .insertInto('subscription')
      .values(subscriptionRow(applicationId, 'vouchers', 'Silver'))
      .execute();

    await db.deleteFrom('account').where('id', '=', accountId).execute();

    expect(await db.selectFrom('application').select('id').where('id', '=', applicationId).execute()).toEqual([]);
    expect(await db.selectFrom('application_key').select('id').where('application_id', '=', applicationId).execute()).toEqual([]);
    expect(await db.selectFrom('subscription').select('id').where('application_id', '=', applicationId).execute()).toEqual([]);
  });
});
