import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { preparedInsert, preparedQuery } from '../../db/prepared.ts';
import type { AccessTokenRow, Environment, RefreshTokenRow } from '../../db/schema.ts';
import { idFloorAt } from '../../platform/ids.ts';
import type { PresentedAccessToken } from './access-token-format.ts';

const clientByConsumerKey = preparedQuery((db: Executor, consumerKey: string) =>
  db
    .selectFrom('application_key as k')
    .innerJoin('application as a', 'a.id', 'k.application_id')
    .innerJoin('account as acc', 'acc.id', 'a.account_id')
    .select([
      'k.consumer_key',
      'k.environment',
      'k.secret_hash',
      'k.previous_secret_hash',
      'k.previous_secret_expires_at',
      'a.id as application_id',
      'a.status as application_status',
      'a.password_grant_enabled',
      'a.access_token_ttl_seconds',
      'acc.id as account_id',
      'acc.account_code',
      'acc.status as account_status',
    ])
    .where('k.consumer_key', '=', consumerKey),
);

/** The client behind a consumer key, with what client authentication and the grants need to know (every token request). */
export async function findClientByConsumerKey(db: Executor, consumerKey: string) {
  return (await clientByConsumerKey(db, consumerKey))[0];
}

const insertAccessTokenRows = preparedInsert('access_token', {
  id: true,
  token_hash: true,
  application_id: true,
  environment: true,
  user_id: true,
  family_id: true,
  scope: true,
  issued_at: true,
  expires_at: true,
  revoked_at: true,
  found_by_hash: true,
});

export async function insertAccessToken(db: Executor, token: AccessTokenRow): Promise<void> {
  await insertAccessTokenRows(db, [token]);
}

/** One multi-row INSERT (the group commit of application tokens). */
export async function insertAccessTokens(db: Executor, tokens: AccessTokenRow[]): Promise<void> {
  await insertAccessTokenRows(db, tokens);
}

export async function insertRefreshToken(db: Executor, token: RefreshTokenRow): Promise<void> {
  await db.insertInto('refresh_token').values(token).execute();
}

/**
 * The filter that finds a presented access token's row in `table` (the table's name or alias): by primary key for a
 * split token, through the partial hash index for a token without its row id in it (migration 0016; `= 1` is a
 * literal so both planners match it against the index's predicate). Either way the stored hash must match the whole
 * presented token.
 */
function isPresentedToken(token: PresentedAccessToken, table: 'access_token' | 't') {
  const column = (name: 'id' | 'token_hash' | 'found_by_hash') => sql.ref(`${table}.${name}`);
  const row = token.tokenId === null ? sql`${column('found_by_hash')} = 1` : sql`${column('id')} = ${token.tokenId}`;
  return sql<boolean>`${column('token_hash')} = ${token.tokenHash} and ${row}`;
}

export async function findAccessToken(db: Executor, token: PresentedAccessToken): Promise<AccessTokenRow | undefined> {
  return db.selectFrom('access_token').selectAll().where(isPresentedToken(token, 'access_token')).executeTakeFirst();
}

export async function findRefreshToken(db: Executor, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  return db.selectFrom('refresh_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks a refresh token used; false when another request used (or revoked) it first — the database decides. */
export async function claimRefreshToken(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('refresh_token')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every access and refresh token of a family; returns the revoked access tokens' hashes. */
export async function revokeFamily(db: Executor, familyId: string, now: string): Promise<string[]> {
  await db.updateTable('refresh_token').set({ revoked_at: now }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  const revoked = await db
    .updateTable('access_token')
    .set({ revoked_at: now })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .returning('token_hash')
    .execute();
  return revoked.map((row) => row.token_hash);
}

export async function revokeAccessToken(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('access_token').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Removes tokens that expired before `before` (kept a while after expiry for introspection and audits). */
export async function deleteExpiredTokens(db: Executor, before: string): Promise<number> {
  // Access tokens have no expiry index (one less B-tree insert per token, migration 0016): a token that expired
  // before `before` was issued, and its time-ordered id generated, before it, so the primary key bounds the scan.
  const access = await db
    .deleteFrom('access_token')
    .where('id', '<', idFloorAt('accessToken', new Date(before)))
    .where('expires_at', '<', before)
    .executeTakeFirst();
  const refresh = await db.deleteFrom('refresh_token').where('expires_at', '<', before).executeTakeFirst();
  return Number(access.numDeletedRows) + Number(refresh.numDeletedRows);
}

/** Everything the gateway needs about a bearer token, in one query (cached in-process after); found as findAccessToken finds it. */
export async function findTokenPrincipal(db: Executor, token: PresentedAccessToken) {
  return db
    .selectFrom('access_token as t')
    .innerJoin('application as a', 'a.id', 't.application_id')
    .innerJoin('account as acc', 'acc.id', 'a.account_id')
    .leftJoin('portal_user as u', 'u.id', 't.user_id')
    .select([
      't.id as token_id',
      't.environment',
      't.scope',
      't.family_id',
      't.issued_at',
      't.expires_at',
      't.revoked_at',
      't.user_id',
      'u.username',
      'u.status as user_status',
      'a.id as application_id',
      'a.name as application_name',
      'a.status as application_status',
      'a.throttling_tier as application_tier',
      'acc.id as account_id',
      'acc.account_code',
      'acc.name as account_name',
      'acc.status as account_status',
    ])
    .where(isPresentedToken(token, 't'))
    .executeTakeFirst();
}

export type TokenPrincipalRow = NonNullable<Awaited<ReturnType<typeof findTokenPrincipal>>>;

export async function findSubscriptionTiers(db: Executor, applicationId: string) {
  return db
    .selectFrom('subscription as s')
    .innerJoin('throttling_tier as t', 't.name', 's.throttling_tier')
    .select(['s.service', 's.status', 't.name as tier', 't.requests_per_minute', 't.requests_per_day'])
    .where('s.application_id', '=', applicationId)
    .execute();
}

export async function findTierLimits(db: Executor, tierName: string) {
  return db.selectFrom('throttling_tier').select(['name as tier', 'requests_per_minute', 'requests_per_day']).where('name', '=', tierName).executeTakeFirst();
}

export type { Environment };
