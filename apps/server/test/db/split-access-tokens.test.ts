import { afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrateDown, migrateToLatest } from '../../src/db/database.ts';
import { createAccount } from '../../src/modules/identity/account.service.ts';
import { createApplication } from '../../src/modules/identity/application.service.ts';
import { newAccessToken, presentedAccessToken } from '../../src/modules/oauth/access-token-format.ts';
import { deleteExpiredTokens, findAccessToken, findTokenPrincipal } from '../../src/modules/oauth/token.repository.ts';
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

  it('a token issued before the migration keeps working until it expires; a split token needs its own secret', async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    const ctx = { db, clock: systemClock, ids: createIdGenerator() };
    const account = await createAccount(ctx, { name: 'Legacy Board', roles: 'all', cidrs: ['127.0.0.1/32'] }, 'coordinator:test');
    const app = await createApplication(ctx, account.account.account_code, { name: 'Legacy App' }, 'coordinator:test');

    // Back to the schema before split tokens, where a token was found by the hash of the whole token.
    expect((await migrateDown(db)).results?.map((r) => r.migrationName)).toEqual(['0016_split_access_tokens']);
    const legacyToken = `atk_${'L'.repeat(43)}`;
    const legacyRow = {
      id: ctx.ids.id('accessToken'),
      token_hash: hashSecret(legacyToken),
      application_id: app.application.id,
      environment: 'sandbox' as const,
      user_id: null,
      family_id: null,
      scope: 'default',
      issued_at: '2026-01-05T09:00:00.000Z',
      expires_at: '2026-01-05T10:00:00.000Z',
      revoked_at: null,
    };
    await db.insertInto('access_token').values(legacyRow).execute();
    await migrateToLatest(db);
    expect((await appliedMigrations(db)).at(-1)).toBe('0016_split_access_tokens');

    expect(presentedAccessToken(legacyToken).tokenId).toBeNull();
    expect((await findTokenPrincipal(db, presentedAccessToken(legacyToken)))?.token_id).toBe(legacyRow.id);
    expect((await findAccessToken(db, presentedAccessToken(legacyToken)))?.id).toBe(legacyRow.id);
    expect(await findAccessToken(db, presentedAccessToken(`atk_${'M'.repeat(43)}`))).toBeUndefined();

    // A split token: found by its row id, and only with the secret whose hash the row holds.
    const splitId = ctx.ids.id('accessToken');
    const splitToken = newAccessToken(splitId);
    expect(splitToken).toMatch(/^atk_[0-9a-z]{26}\.[A-Za-z0-9_-]{43}$/);
    await db
      .insertInto('access_token')
      .values({ ...legacyRow, id: splitId, token_hash: hashSecret(splitToken), expires_at: '2026-01-05T12:00:00.000Z' })
      .execute();
    expect(presentedAccessToken(splitToken).tokenId).toBe(splitId);
    expect((await findTokenPrincipal(db, presentedAccessToken(splitToken)))?.token_id).toBe(splitId);
    const forged = `${splitToken.slice(0, splitToken.indexOf('.') + 1)}${'A'.repeat(43)}`;
    expect(presentedAccessToken(forged).tokenId).toBe(splitId);
    expect(await findTokenPrincipal(db, presentedAccessToken(forged))).toBeUndefined();
    // Another row's hash presented with this row's id proves nothing either.
    expect(await findAccessToken(db, { tokenId: splitId, tokenHash: legacyRow.token_hash })).toBeUndefined();

    // Clean-up removes the legacy mapping with the expired token; the split token, not yet expired, stays.
    expect(await deleteExpiredTokens(db, '2026-01-05T11:00:00.000Z')).toBe(1);
    expect(await db.selectFrom('legacy_access_token').selectAll().execute()).toEqual([]);
    expect((await findAccessToken(db, presentedAccessToken(splitToken)))?.id).toBe(splitId);
  });
});
