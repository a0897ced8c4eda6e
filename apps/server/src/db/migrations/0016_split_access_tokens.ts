import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

/**
 * Access tokens become split tokens, `atk_<row id>.<secret>` (ADR 0008, modules/oauth/access-token-format.ts): a
 * token is found by its row id, which grows with time, and proved by the hash of the whole token. Issuing one then
 * only appends to the table's indexes; the unique index on the random `token_hash` cost one random B-tree page per
 * token, the largest item of P2 (BENCHMARKS.md). On SQLite the table is rebuilt WITHOUT ROWID, so the id index is the
 * table itself. The expiry index goes too: the clean-up job bounds its scan by the time-ordered id instead
 * (token.repository.ts deleteExpiredTokens), so a token goes into no index but the table's own.
 *
 * Tokens without a row id in them (issued before this migration, or by a node of the previous version during a
 * rolling upgrade, which leaves the new column at its default) have `found_by_hash = 1` and stay indexed by hash in a
 * partial index, so they keep working until they expire. Split tokens are inserted with 0 and skip that index.
 */
export const splitAccessTokensMigration: Migration = {
  async up(db: Kysely<any>) {
    if (isSqlite(db)) {
      await rebuildSqliteTable(db, 'split');
    } else {
      await sql`alter table access_token drop constraint access_token_token_hash_key`.execute(db);
      await db.schema.dropIndex('access_token_expires_idx').execute();
      await db.schema
        .alterTable('access_token')
        .addColumn('found_by_hash', 'integer', (c) => c.notNull().defaultTo(1).check(sql`found_by_hash in (0, 1)`))
        .execute();
    }
    await db.schema.createIndex('access_token_hash_lookup_idx').on('access_token').column('token_hash').where(sql.ref('found_by_hash'), '=', 1).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('access_token_hash_lookup_idx').execute();
    if (isSqlite(db)) {
      await rebuildSqliteTable(db, 'hashed');
    } else {
      await db.schema.alterTable('access_token').dropColumn('found_by_hash').execute();
      await db.schema.createIndex('access_token_expires_idx').on('access_token').column('expires_at').execute();
      await sql`alter table access_token add constraint access_token_token_hash_key unique (token_hash)`.execute(db);
    }
  },
};

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * SQLite cannot drop a column's UNIQUE constraint or change a table's rowid kind in place: copy into a new table.
 * `split`: WITHOUT ROWID, no unique hash, the `found_by_hash` column; `hashed`: the table as migration 0001 made it.
 */
async function rebuildSqliteTable(db: Kysely<any>, shape: 'split' | 'hashed') {
  const split = shape === 'split';
  await db.schema
    .createTable('access_token_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => (split ? c.notNull() : c.notNull().unique()))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('environment', 'text', (c) => c.notNull().check(sql`environment in ('production', 'sandbox')`))
    .addColumn('user_id', 'text', (c) => c.references('portal_user.id').onDelete('cascade'))
    .addColumn('family_id', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .$call((builder) =>
      split
        ? builder.addColumn('found_by_hash', 'integer', (c) => c.notNull().defaultTo(1).check(sql`found_by_hash in (0, 1)`)).modifyEnd(sql`without rowid`)
        : builder,
    )
    .execute();
  // Every row copied up is one without a row id in its token: found_by_hash takes its default, 1.
  const columns = sql.raw('id, token_hash, application_id, environment, user_id, family_id, scope, issued_at, expires_at, revoked_at');
  await sql`insert into access_token_rebuilt (${columns}) select ${columns} from access_token`.execute(db);
  await db.schema.dropTable('access_token').execute();
  await db.schema.alterTable('access_token_rebuilt').renameTo('access_token').execute();
  if (!split) await db.schema.createIndex('access_token_expires_idx').on('access_token').column('expires_at').execute();
  await db.schema.createIndex('access_token_family_idx').on('access_token').column('family_id').where(sql.ref('family_id'), 'is not', null).execute();
}
