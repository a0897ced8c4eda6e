import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrateDown, migrateToLatest } from '../../src/db/database.ts';
import { createAccount } from '../../src/modules/identity/account.service.ts';
import { createApplication } from '../../src/modules/identity/application.service.ts';
import { newAccessToken, presentedAccessToken } from '../../src/modules/oauth/access-token-format.ts';
import { deleteExpiredTokens, findAccessToken, findTokenPrincipal, insertAccessToken } from '../../src/modules/oauth/token.repository.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { createIdGenerator } from '../../src/platform/ids.ts';
import { hashSecret } from '../../src/platform/secrets.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../harness.ts';

describe.each(DIALECTS)('split access tokens (migration 0016) on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('tokens without a row id (issued before the migration, or by a node of the previous version) are still found; a split token needs its own secret', async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    // Ids carry their creation time; these tokens are issued at 09:00 (the clean-up below relies on it).
    const ctx = { db, clock: systemClock, ids: createIdGenerator(() => new Date('2026-01-05T09:00:00.000Z')) };
    const account = await createAccount(ctx, { name: 'Legacy Board', roles: 'all', cidrs: ['127.0.0.1/32'] }, 'coordinator:test');
    const app = await createApplication(ctx, account.account.account_code, { name: 'Legacy App' }, 'coordinator:test');
    const columns = { application_id: app.application.id, environment: 'sandbox', user_id: null, family_id: null, scope: 'default', revoked_at: null };
    // What the previous version writes: every column but found_by_hash.
    const insertAsPreviousVersion = async (token: string, expiresAt: string) => {
      const id = ctx.ids.id('accessToken');
      const row = { id, token_hash: hashSecret(token), ...columns, issued_at: '2026-01-05T09:00:00.000Z', expires_at: expiresAt };
      await db
        .insertInto('access_token')
        .values(row as never)
        .execute();
      return id;
    };

    // Before split tokens, a token was found by the hash of the whole token.
    expect((await migrateDown(db)).results?.map((r) => r.migrationName)).toEqual(['0016_split_access_tokens']);
    const beforeToken = `atk_${'B'.repeat(43)}`;
    const beforeId = await insertAsPreviousVersion(beforeToken, '2026-01-05T10:00:00.000Z');
    await migrateToLatest(db);
    expect((await appliedMigrations(db)).at(-1)).toBe('0016_split_access_tokens');
    const duringRollToken = `atk_${'R'.repeat(43)}`;
    const duringRollId = await insertAsPreviousVersion(duringRollToken, '2026-01-05T10:30:00.000Z');

    for (const [token, id] of [
      [beforeToken, beforeId],
      [duringRollToken, duringRollId],
    ] as const) {
      expect(presentedAccessToken(token).tokenId).toBeNull();
      expect((await findTokenPrincipal(db, presentedAccessToken(token)))?.token_id).toBe(id);
      expect((await findAccessToken(db, presentedAccessToken(token)))?.found_by_hash).toBe(1);
    }
    expect(await findAccessToken(db, presentedAccessToken(`atk_${'M'.repeat(43)}`))).toBeUndefined();

    // A split token: found by its row id, and only with the secret whose hash the row holds; never by hash alone.
    const splitId = ctx.ids.id('accessToken');
    const splitToken = newAccessToken(splitId);
    expect(splitToken).toMatch(/^atk_[0-9a-z]{26}\.[A-Za-z0-9_-]{43}$/);
    const splitRow = { id: splitId, token_hash: hashSecret(splitToken), ...columns, environment: 'sandbox' as const, found_by_hash: 0 };
    await insertAccessToken(db, { ...splitRow, issued_at: '2026-01-05T09:00:00.000Z', expires_at: '2026-01-05T12:00:00.000Z' });
    expect(presentedAccessToken(splitToken).tokenId).toBe(splitId);
    expect((await findTokenPrincipal(db, presentedAccessToken(splitToken)))?.token_id).toBe(splitId);
    const forged = `${splitToken.slice(0, splitToken.indexOf('.') + 1)}${'A'.repeat(43)}`;
    expect(presentedAccessToken(forged).tokenId).toBe(splitId);
    expect(await findTokenPrincipal(db, presentedAccessToken(forged))).toBeUndefined();
    expect(await findAccessToken(db, { tokenId: null, tokenHash: splitRow.token_hash })).toBeUndefined();
    expect(await findAccessToken(db, { tokenId: splitId, tokenHash: hashSecret(beforeToken) })).toBeUndefined();

    // The migration down restores the unique hash of every token, split ones included; up again keeps them all.
    await migrateDown(db);
    const hashes = await sql<{ token_hash: string }>`select token_hash from access_token order by token_hash`.execute(db);
    expect(hashes.rows.map((r) => r.token_hash)).toEqual([hashSecret(beforeToken), hashSecret(duringRollToken), splitRow.token_hash].sort());
    await migrateToLatest(db);
    expect((await findTokenPrincipal(db, presentedAccessToken(beforeToken)))?.token_id).toBe(beforeId);

    // Clean-up: the two tokens that expired before 11:00 go; the split one, issued before 11:00 but valid until
    // 12:00, stays.
    expect(await deleteExpiredTokens(db, '2026-01-05T11:00:00.000Z')).toBe(2);
    expect(await findAccessToken(db, presentedAccessToken(duringRollToken))).toBeUndefined();
    expect((await findAccessToken(db, presentedAccessToken(splitToken)))?.id).toBe(splitId);
    expect(await deleteExpiredTokens(db, '2026-01-05T12:00:00.001Z')).toBe(1);
  });
});
