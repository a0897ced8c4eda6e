import type { Migration } from 'kysely';
import { identityMigration } from './0001_identity.ts';
import { idempotencyMigration } from './0002_idempotency.ts';

/** The one ordered list of migrations for every dialect. Never edit a shipped migration: add the next one. */
export const migrations: Record<string, Migration> = {
  '0001_identity': identityMigration,
  '0002_idempotency': idempotencyMigration,
};
