import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { IdGenerator } from './ids.ts';

/** What every service gets, passed in explicitly: the database, the clock and the id generator. */
export interface ServiceContext {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
}

/** Who made a change, as the audit log records it: `coordinator:<name>`, `partner-user:<id>`, `system`. */
export type Actor = string;
