import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Token issuance is write-bound (BENCHMARKS.md, P2): every index is one more b-tree insert per token. Application
 * tokens have no family, so the family index becomes partial; the per-application index served no query.
 */
export const tokenIndexesMigration: Migration = {
  async up(db: Kysely<any>) {
    for (const table of ['access_token', 'refresh_token']) {
      await db.schema.dropIndex(`${table}_application_idx`).execute();
    }
    await db.schema.dropIndex('access_token_family_idx').execute();
    await db.schema.createIndex('access_token_family_idx').on('access_token').column('family_id').where(sql.ref('family_id'), 'is not', null).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('access_token_family_idx').execute();
    await db.schema.createIndex('access_token_family_idx').on('access_token').column('family_id').execute();
    for (const table of ['access_token', 'refresh_token']) {
      await db.schema.createIndex(`${table}_application_idx`).on(table).column('application_id').execute();
    }
  },
};
