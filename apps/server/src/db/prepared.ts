import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './executor.ts';

/**
 * A hot query compiled once per database instead of on every call: Kysely spends more time building and compiling
 * a three-table join than SQLite spends running it (BENCHMARKS.md). The query is built once with sentinel argument
 * values; the positions where they land among the compiled parameters are remembered and filled with the real
 * arguments on each call. Only for queries whose arguments are plain bound values (`where(col, '=', arg)`).
 */
export function preparedQuery<Args extends readonly (string | number)[], Row>(build: (db: Executor, ...args: Args) => Compilable<Row>) {
  const compiledByDb = new WeakMap<Executor, { query: CompiledQuery<Row>; slots: number[] }>();
  return async (db: Executor, ...args: Args): Promise<Row[]> => {
    let entry = compiledByDb.get(db);
    if (!entry) {
      const sentinels = args.map((_, i) => `\u0000prepared-argument-${i}\u0000`) as unknown as Args;
      const query = build(db, ...sentinels).compile();
      const slots = sentinels.map((sentinel) => query.parameters.indexOf(sentinel));
      if (slots.some((slot) => slot < 0)) throw new Error('preparedQuery: every argument must be a bound parameter of the query');
      entry = { query, slots };
      compiledByDb.set(db, entry);
    }
    const parameters = [...entry.query.parameters];
    entry.slots.forEach((slot, i) => {
      parameters[slot] = args[i];
    });
    const result = await db.executeQuery<Row>({ ...entry.query, parameters });
    return result.rows;
  };
}
