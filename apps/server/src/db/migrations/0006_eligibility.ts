import type { Kysely, Migration } from 'kysely';

export const eligibilityMigration: Migration = {
  async up(_db: Kysely<any>) {},
  async down(_db: Kysely<any>) {},
};
