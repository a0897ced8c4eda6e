import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AtlasDatabase, migrateToLatest, openDatabase } from './database.ts';
import { preparedQuery } from './prepared.ts';

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
});
