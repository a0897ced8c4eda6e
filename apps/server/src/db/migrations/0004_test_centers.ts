import type { Kysely, Migration } from 'kysely';

export const testCentersMigration: Migration = {
  async up(_db: Kysely<any>) {},
  async down(_db: Kysely<any>) {},
};
