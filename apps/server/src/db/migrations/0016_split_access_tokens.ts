import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

/**
 * Access tokens become split tokens, `atk_<row id>.<secret>` (modules/oauth/access-token-format.ts): a token is found
 * by its row id, which grows with time, and then checked against its hash. Issuing a token therefore only appends to
 * the table's indexes; the unique index on the random `token_hash` cost one random B-tree page per token, the largest
 * item of P2 (BENCHMARKS.md). On SQLite the table is rebuilt WITHOUT ROWID, so the id index is the table itself.
 *
 * Tokens issued before this migration keep working until they expire: their hashes are copied to
 * `legacy_access_token`, which maps a whole-token hash to its row and only ever shrinks.
 */
export const splitAccessTokensMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('legacy_access_token')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('access_token_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db
      .insertInto('legacy_access_token')
      .columns(['token_hash', 'access_token_id', 'expires_at'])
      .expression((eb) => eb.selectFrom('access_token').select(['token_hash', 'id', 'expires_at']))
      .execute();
    if (isSqlite(db)) await rebuildSqliteTable(db, { uniqueHash: false });
    else await sql`alter table access_token drop constraint access_token_token_hash_key`.execute(db);
  },
  async down(db: Kysely<any>) {
    if (isSqlite(db)) await rebuildSqliteTable(db, { uniqueHash: true });
    else await sql`alter table access_token add constraint access_token_token_hash_key unique (token_hash)`.execute(db);
    await db.schema.dropTable('legacy_access_token').execute();
  },
};

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** SQLite cannot drop a column's UNIQUE constraint or change a table's rowid kind in place: copy into a new table. */
async function rebuildSqliteTable(db: Kysely<any>, { uniqueHash }: { uniqueHash: boolean }) {
  await db.schema
    .createTable('access_token_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => (uniqueHash ? c.notNull().unique() : c.notNull()))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
    .addColumn('user_id', 'text', (c) => c.references('portal_user.id').onDelete('cascade'))
    .addColumn('family_id', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .$call((builder) => (uniqueHash ? builder : builder.modifyEnd(sql`without rowid`)))
    .execute();
  await sql`insert into access_token_rebuilt select id, token_hash, application_id, environment, user_id, family_id, scope, issued_at, expires_at, revoked_at from access_token`.execute(
    db,
  );
  await db.schema.dropTable('access_token').execute();
  await db.schema.alterTable('access_token_rebuilt').renameTo('access_token').execute();
  await db.schema.createIndex('access_token_expires_idx').on('access_token').column('expires_at').execute();
  await db.schema.createIndex('access_token_family_idx').on('access_token').column('family_id').where(sql.ref('family_id'), 'is not', null).execute();
}
