import type { Kysely, Migration } from 'kysely';

export const notificationsMigration: Migration = {
  async up(_db: Kysely<any>) {},
  async down(_db: Kysely<any>) {},
};
