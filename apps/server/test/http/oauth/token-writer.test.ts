import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessTokenRow } from '../../../src/db/schema.ts';
import { AccessTokenWriter } from '../../../src/modules/oauth/token-writer.ts';
import { insertPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('group commit of application tokens on %s', (dialect) => {
  let t: TestApp;
  let applicationId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    applicationId = (await insertPartner(t)).applicationId;
  });
  afterAll(() => t.close());

  const row = (hash: string): AccessTokenRow => ({
    id: t.ctx.ids.id('accessToken'),
    token_hash: hash,
    application_id: applicationId,
    environment: 'sandbox',
    user_id: null,
    family_id: null,
    scope: 'default',
    issued_at: '2026-01-05T09:00:00.000Z',
    expires_at: '2026-01-05T10:00:00.000Z',
    revoked_at: null,
    found_by_hash: 0,
  });
  const stored = async (prefix: string) =>
    (await t.ctx.db.selectFrom('access_token').select('token_hash').where('token_hash', 'like', `${prefix}%`).execute()).map((r) => r.token_hash).sort();

  it('writes the tokens of one tick in one batch and resolves each write once its row exists', async () => {
    const writer = new AccessTokenWriter(t.ctx.db);
    await Promise.all(['a1', 'a2', 'a3'].map((h) => writer.write(row(`batch-${h}`))));
    expect(await stored('batch-')).toEqual(['batch-a1', 'batch-a2', 'batch-a3']);
  });

  it('isolates a failing row: its neighbours are written one by one, only its own write rejects', async () => {
    const writer = new AccessTokenWriter(t.ctx.db);
    const taken = row('dup-taken');
    await writer.write(taken);
    // The same row id again: the primary key refuses it.
    const results = await Promise.allSettled([writer.write(row('dup-b1')), writer.write({ ...taken, token_hash: 'dup-again' }), writer.write(row('dup-b2'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored('dup-')).toEqual(['dup-b1', 'dup-b2', 'dup-taken']);
  });
});
