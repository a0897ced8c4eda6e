import type { Kysely, Migration } from 'kysely';

export const vouchersMigration: Migration = {
  async up(_db: Kysely<any>) {},
  async down(_db: Kysely<any>) {},
};
