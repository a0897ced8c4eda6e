import type { Kysely, Migration } from 'kysely';

/** The booking service's tables (issue 4). */
export const bookingMigration: Migration = {
  async up(_db: Kysely<any>) {},
  async down(_db: Kysely<any>) {},
};
