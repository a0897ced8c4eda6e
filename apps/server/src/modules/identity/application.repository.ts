import type { Executor } from '../../db/executor.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { ApplicationKeyRow, ApplicationRow, ApplicationUpdate, Environment, SubscriptionRow, ThrottlingTierRow } from '../../db/schema.ts';

export async function insertApplication(db: Executor, application: ApplicationRow): Promise<void> {
  await db.insertInto('application').values(application).execute();
}

export async function updateApplicationRow(db: Executor, applicationId: string, changes: ApplicationUpdate): Promise<void> {
  await db.updateTable('application').set(changes).where('id', '=', applicationId).execute();
}

const applicationById = preparedQuery((db: Executor, applicationId: string) => db.selectFrom('application').selectAll().where('id', '=', applicationId));

export async function findApplication(db: Executor, applicationId: string): Promise<ApplicationRow | undefined> {
  return (await applicationById(db, applicationId))[0];
}

const applicationNameAndTier = preparedQuery((db: Executor, applicationId: string) =>
  db.selectFrom('application').select(['name', 'throttling_tier']).where('id', '=', applicationId),
);

/** What whoami shows of the application row, read fresh on every call (prepared once; only the columns it shows). */
export async function findApplicationNameAndTier(db: Executor, applicationId: string): Promise<Pick<ApplicationRow, 'name' | 'throttling_tier'> | undefined> {
  return (await applicationNameAndTier(db, applicationId))[0];
}

export async function listApplications(db: Executor, accountId: string): Promise<ApplicationRow[]> {
  return db.selectFrom('application').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
}

export async function insertKey(db: Executor, key: ApplicationKeyRow): Promise<void> {
  await db.insertInto('application_key').values(key).execute();
}

export async function listKeys(db: Executor, applicationId: string): Promise<ApplicationKeyRow[]> {
  return db.selectFrom('application_key').selectAll().where('application_id', '=', applicationId).orderBy('environment').execute();
}

export async function findKey(db: Executor, applicationId: string, environment: Environment): Promise<ApplicationKeyRow | undefined> {
  return db.selectFrom('application_key').selectAll().where('application_id', '=', applicationId).where('environment', '=', environment).executeTakeFirst();
}

export async function rotateKeySecret(
  db: Executor,
  keyId: string,
  change: Pick<ApplicationKeyRow, 'secret_hash' | 'previous_secret_hash' | 'previous_secret_expires_at' | 'rotated_at'>,
): Promise<void> {
  await db.updateTable('application_key').set(change).where('id', '=', keyId).execute();
}

export async function upsertSubscription(db: Executor, subscription: SubscriptionRow): Promise<void> {
  await db
    .insertInto('subscription')
    .values(subscription)
    .onConflict((oc) =>
      oc.columns(['application_id', 'service']).doUpdateSet({
        throttling_tier: subscription.throttling_tier,
        status: subscription.status,
        updated_at: subscription.updated_at,
      }),
    )
    .execute();
}

export async function deleteSubscription(db: Executor, applicationId: string, service: string): Promise<boolean> {
  const result = await db.deleteFrom('subscription').where('application_id', '=', applicationId).where('service', '=', service).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listSubscriptions(db: Executor, applicationId: string): Promise<SubscriptionRow[]> {
  return db.selectFrom('subscription').selectAll().where('application_id', '=', applicationId).orderBy('service').execute();
}

export async function findTier(db: Executor, name: string): Promise<ThrottlingTierRow | undefined> {
  return db.selectFrom('throttling_tier').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listTiers(db: Executor): Promise<ThrottlingTierRow[]> {
  return db.selectFrom('throttling_tier').selectAll().orderBy('created_at').orderBy('name').execute();
}

export async function insertTier(db: Executor, tier: ThrottlingTierRow): Promise<void> {
  await db.insertInto('throttling_tier').values(tier).execute();
}

/** Keys, subscriptions and tokens of the application go with it (foreign keys ON DELETE CASCADE). */
export async function deleteApplicationRow(db: Executor, applicationId: string): Promise<boolean> {
  const result = await db.deleteFrom('application').where('id', '=', applicationId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
