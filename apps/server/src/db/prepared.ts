import type { Compilable, CompiledQuery, Insertable } from 'kysely';
import { readDirectly } from './direct-read.ts';
import type { Executor } from './executor.ts';
import type { Database } from './schema.ts';

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
    const query = { ...entry.query, parameters };
    return readDirectly(db, query) ?? (await db.executeQuery<Row>(query)).rows;
  };
}

/**
 * A hot multi-row INSERT compiled once per database and row count instead of on every call (the group commit of
 * access tokens sends a few batch sizes over and over). `columns` names every column of the row type, so a column
 * added to the table and not here fails the type check; a row with other keys is refused rather than half-written.
 */
export function preparedInsert<T extends keyof Database>(table: T, columns: { [K in keyof Insertable<Database[T]>]-?: true }) {
  const names = Object.keys(columns) as (keyof Insertable<Database[T]> & string)[];
  const compiledByDb = new WeakMap<Executor, Map<number, CompiledQuery>>();
  const sentinel = (row: number, column: number) => `\u0000prepared-insert-${row}-${column}\u0000`;
  return async (db: Executor, rows: readonly Insertable<Database[T]>[]): Promise<void> => {
    if (rows.length === 0) return;
    let bySize = compiledByDb.get(db);
    if (!bySize) {
      bySize = new Map();
      compiledByDb.set(db, bySize);
    }
    let query = bySize.get(rows.length);
    if (!query) {
      const sentinelRows = rows.map((_, r) => Object.fromEntries(names.map((name, c) => [name, sentinel(r, c)])));
      query = db
        .insertInto(table)
        .values(sentinelRows as never)
        .compile();
      // Row-major, in the listed column order: what the loop below fills in.
      const inOrder =
        query.parameters.length === rows.length * names.length &&
        query.parameters.every((p, k) => p === sentinel(Math.floor(k / names.length), k % names.length));
      if (!inOrder) throw new Error(`preparedInsert(${table}): unexpected parameter order`);
      bySize.set(rows.length, query);
    }
    const parameters: unknown[] = new Array(rows.length * names.length);
    let k = 0;
    for (const row of rows) {
      if (Object.keys(row).length !== names.length) throw new Error(`preparedInsert(${table}): a row has columns other than ${names.join(', ')}`);
      for (const name of names) {
        if (!(name in row)) throw new Error(`preparedInsert(${table}): a row lacks ${name}`);
        parameters[k++] = row[name];
      }
    }
    await db.executeQuery({ ...query, parameters });
  };
}
