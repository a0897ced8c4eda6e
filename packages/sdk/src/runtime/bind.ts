import type { AtlasClient } from './client.js';
import type { ArgsOf, CallOptions, ItemOf, Page, ParamsOf, ResultOf } from './operation-types.js';
import type { RouteSpec } from './route-spec.js';

/** A bound operation: call it with `{ path, query, body }` and optional CallOptions. */
export type OperationMethod<O> = (...args: ArgsOf<O>) => Promise<ResultOf<O>>;

/** A cursor-paged operation also iterates: `.all()` yields every item, `.pages()` every page, following next_cursor. */
export interface PagedMethod<O> extends OperationMethod<O> {
  all(...args: ArgsOf<O>): AsyncGenerator<ItemOf<O>, void, undefined>;
  pages(...args: ArgsOf<O>): AsyncGenerator<Page<ItemOf<O>>, void, undefined>;
}

/** The client of one service version: one method per operationId. */
export type ServiceClient<Ops, Routes extends Record<string, RouteSpec>> = {
  readonly [K in keyof Routes & keyof Ops]: Routes[K] extends { paged: true } ? PagedMethod<Ops[K]> : OperationMethod<Ops[K]>;
};

type LooseParams = { path?: Record<string, string | number>; query?: Record<string, unknown>; body?: unknown };

/**
 * Pages through a cursor-paged list: calls `fetchPage` with undefined, then with each `next_cursor`, until it is
 * null. Usable with any `{ data, next_cursor }` operation.
 */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<Page<T>, void, undefined> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    if (!page.next_cursor) return;
    cursor = page.next_cursor;
  }
}

/** Binds every route of a service version to `client`. */
export function bindService<Ops, Routes extends Record<string, RouteSpec>>(client: AtlasClient, routes: Routes): ServiceClient<Ops, Routes> {
  const api: Record<string, unknown> = {};
  for (const [operationId, route] of Object.entries(routes)) {
    const call = (params?: LooseParams, options?: CallOptions) => client.call(route, params, options);
    if (route.paged) {
      const pages = (params: LooseParams = {}, options?: CallOptions) =>
        paginate((cursor) => call({ ...params, query: { ...params.query, ...(cursor ? { cursor } : {}) } }, options) as Promise<Page<unknown>>);
      async function* all(params?: LooseParams, options?: CallOptions) {
        for await (const page of pages(params, options)) yield* page.data;
      }
      api[operationId] = Object.assign(call, { pages, all });
    } else {
      api[operationId] = call;
    }
  }
  return api as ServiceClient<Ops, Routes>;
}

export type { ParamsOf };
