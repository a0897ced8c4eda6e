import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../../src/modules/notifications/outbox.ts';
import { insertPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('transactional outbox on %s', (dialect) => {
  let t: TestApp;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const partner = await insertPartner(t);
    const account = await t.ctx.db.selectFrom('account').select('id').where('account_code', '=', partner.accountCode).executeTakeFirstOrThrow();
    accountId = account.id;
  });
  afterAll(() => t.close());

  const event = (entityId: string, entityVersion = 1) => ({
    accountId,
    environment: 'sandbox' as const,
    service: 'booking-notification' as const,
    type: 'booking.created',
    entityType: 'booking',
    entityId,
    entityVersion,
    payload: { booking_code: entityId },
  });

  const find = (id: string) => t.ctx.db.selectFrom('outbox_event').selectAll().where('id', '=', id).executeTakeFirst();

  it('keeps an event written in a committed transaction, with its payload as JSON', async () => {
    const id = await t.ctx.db.transaction().execute((trx) => recordEvent(trx, t.ctx, event('bkg_committed')));
    expect(id).toMatch(/^evt_[0-9a-z]{26}$/);
    const row = await find(id);
    expect(row).toMatchObject({ type: 'booking.created', entity_version: 1, previous_state: null, environment: 'sandbox' });
    expect(JSON.parse(row?.payload ?? '')).toEqual({ booking_code: 'bkg_committed' });
  });

  it('leaves no event when the transaction that wrote it rolls back', async () => {
    let written: string | undefined;
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        written = await recordEvent(trx, t.ctx, event('bkg_rolled_back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(written).toMatch(/^evt_/);
    expect(await find(written as string)).toBeUndefined();
  });

  it('refuses a second event for the same entity version of a service, so delivery order is never ambiguous', async () => {
    await t.ctx.db.transaction().execute((trx) => recordEvent(trx, t.ctx, event('bkg_versioned', 1)));
    await expect(t.ctx.db.transaction().execute((trx) => recordEvent(trx, t.ctx, event('bkg_versioned', 1)))).rejects.toThrow();
    await t.ctx.db.transaction().execute((trx) => recordEvent(trx, t.ctx, { ...event('bkg_versioned', 2), previousState: 'confirmed' }));
    const versions = await t.ctx.db
      .selectFrom('outbox_event')
      .select('entity_version')
      .where('entity_id', '=', 'bkg_versioned')
      .orderBy('entity_version')
      .execute();
    expect(versions.map((v) => v.entity_version)).toEqual([1, 2]);
  });

  it('refuses an event type its service does not send, failing the caller’s transaction', async () => {
    await expect(t.ctx.db.transaction().execute((trx) => recordEvent(trx, t.ctx, { ...event('bkg_typo'), type: 'booking.creatd' }))).rejects.toThrow(
      /no event type booking\.creatd/,
    );
    expect(await t.ctx.db.selectFrom('outbox_event').select('id').where('entity_id', '=', 'bkg_typo').execute()).toEqual([]);
  });
});
