import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AtlasDatabase, migrateToLatest, openDatabase } from './database.ts';
import { preparedInsert, preparedQuery } from './prepared.ts';

describe('prepared queries', () => {
  let database: AtlasDatabase;
  beforeAll(async () => {
    database = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(database.db);
  });
  afterAll(() => database.close());

  it("run with each call's own arguments after compiling once, keeping constant parameters", async () => {
    const tiers = preparedQuery((db, name: string, min: number) =>
      db.selectFrom('throttling_tier').select('name').where('name', '=', name).where('requests_per_minute', '>=', min).where('description', '!=', 'constant'),
    );
    expect(await tiers(database.db, 'Gold', 1)).toEqual([{ name: 'Gold' }]);
    expect(await tiers(database.db, 'Bronze', 1)).toEqual([{ name: 'Bronze' }]);
    expect(await tiers(database.db, 'Bronze', 5000)).toEqual([]);
    expect(await tiers(database.db, 'Nope', 1)).toEqual([]);
  });

  it('refuses a query whose argument is not a bound parameter', async () => {
    const broken = preparedQuery((db, limit: number) =>
      db
        .selectFrom('throttling_tier')
        .select('name')
        .limit(Number.isNaN(Number(limit)) ? 1 : 2),
    );
    await expect(broken(database.db, 3)).rejects.toThrow(/bound parameter/);
  });

  it('inserts batches of any size with one statement compiled per size, and refuses rows with other columns', async () => {
    const insertTiers = preparedInsert('throttling_tier', {
      name: true,
      description: true,
      requests_per_minute: true,
      requests_per_day: true,
      created_at: true,
    });
    const tier = (name: string, perMinute: number | null) => ({
      name,
      description: `tier ${name}`,
      requests_per_minute: perMinute,
      requests_per_day: null,
      created_at: '2026-01-05T09:00:00.000Z',
    });
    await insertTiers(database.db, [tier('P1', 10), tier('P2', null)]);
    await insertTiers(database.db, [tier('P3', 30)]);
    await insertTiers(database.db, [tier('P4', 40), tier('P5', 50)]);
    await insertTiers(database.db, []);
    const stored = await database.db
      .selectFrom('throttling_tier')
      .select(['name', 'description', 'requests_per_minute'])
      .where('name', 'like', 'P%')
      .orderBy('name')
      .execute();
    expect(stored).toEqual([
      { name: 'P1', description: 'tier P1', requests_per_minute: 10 },
      { name: 'P2', description: 'tier P2', requests_per_minute: null },
      { name: 'P3', description: 'tier P3', requests_per_minute: 30 },
      { name: 'P4', description: 'tier P4', requests_per_minute: 40 },
      { name: 'P5', description: 'tier P5', requests_per_minute: 50 },
    ]);
    await expect(insertTiers(database.db, [{ ...tier('P6', 60), extra: 1 } as never])).rejects.toThrow(/other than/);
    const { requests_per_day: _dropped, ...lacking } = tier('P7', 70);
    await expect(insertTiers(database.db, [{ ...lacking, other: null } as never])).rejects.toThrow(/lacks requests_per_day/);
    expect(await database.db.selectFrom('throttling_tier').select('name').where('name', 'in', ['P6', 'P7']).execute()).toEqual([]);
  });

  it("never reads another transaction's uncommitted writes, and reads its own inside it", async () => {
    const tierNames = preparedQuery((db, name: string) => db.selectFrom('throttling_tier').select('name').where('name', '=', name));
    const row = { name: 'Uncommitted', description: 'never committed', requests_per_minute: 1, requests_per_day: null, created_at: '2026-01-05T09:00:00.000Z' };
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted = () => {};
    const insertedYet = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    let seenInside: unknown;
    const transaction = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('throttling_tier').values(row).execute();
      seenInside = await tierNames(trx, 'Uncommitted');
      inserted();
      await gate;
      throw new Error('roll back');
    });
    await Promise.race([insertedYet, transaction]);
    // Outside the open transaction on the same SQLite connection: this must wait for it, not read its write.
    const outside = tierNames(database.db, 'Uncommitted');
    release();
    await expect(transaction).rejects.toThrow('roll back');
    expect(seenInside).toEqual([{ name: 'Uncommitted' }]);
    expect(await outside).toEqual([]);
  });
});
