import type { Kysely, Migration } from 'kysely';

/** The payment service's tables (issue 4). */
export const paymentMigration: Migration = {
  async up(_db: Kysely<any>) {},
  async down(_db: Kysely<any>) {},
};
