import type { Kysely } from 'kysely';
import type { Database, Environment } from '../db/schema.ts';
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

/** The partner a service acts for: account and environment from the token, and the audit actor. */
export interface PartnerScope {
  accountId: string;
  environment: Environment;
  actor: Actor;
}
