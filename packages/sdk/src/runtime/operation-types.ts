/**
 * Type plumbing from openapi-typescript's `operations` interface to method signatures: which of path, query and
 * body an operation takes (and whether each is required), and what it resolves with.
 */

type IsNever<T> = [T] extends [never] ? true : false;
/** Keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/** `{ name: P }` when P has a required key, `{ name?: P }` when all are optional, nothing when the operation has none. */
type Part<Name extends string, P> =
  IsNever<Exclude<P, undefined>> extends true
    ? { [K in Name]?: never }
    : RequiredKeys<Exclude<P, undefined>> extends never
      ? { [K in Name]?: Exclude<P, undefined> }
      : { [K in Name]: Exclude<P, undefined> };

type ParametersOf<O> = O extends { parameters: infer P } ? P : never;
type PathOf<O> = ParametersOf<O> extends { path?: infer X } ? X : never;
type QueryOf<O> = ParametersOf<O> extends { query?: infer X } ? X : never;

type ContentOf<C> = C extends Record<string, infer V> ? V : never;
type RequestBodyOf<O> = O extends { requestBody?: infer RB } ? RB : never;

/** The request body of an operation (never when it takes none). */
export type BodyOf<O> = Exclude<RequestBodyOf<O>, undefined> extends { content: infer C } ? ContentOf<C> : never;

type BodyPart<O> =
  IsNever<BodyOf<O>> extends true ? { body?: never } : O extends { requestBody: { content: unknown } } ? { body: BodyOf<O> } : { body?: BodyOf<O> };

/** Flattens an intersection so editors show one object. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `{ path, query, body }` as the operation needs them. */
export type ParamsOf<O> = Simplify<Part<'path', PathOf<O>> & Part<'query', QueryOf<O>> & BodyPart<O>>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ResponseContent<R> = R extends { content: infer C } ? ContentOf<C> : undefined;

/** What an operation resolves with: the union of its 2xx bodies (undefined for 204). */
export type ResultOf<O> = O extends { responses: infer R } ? { [S in keyof R & SuccessStatus]: ResponseContent<R[S]> }[keyof R & SuccessStatus] : never;

/** Per-call options that are not part of the API's own parameters. */
export interface CallOptions {
  /** Cancels the call (and any retry wait); the promise rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Idempotency-Key to send (creates get a random one automatically; pass your own to retry across restarts). */
  idempotencyKey?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Retries for this call (default: the client's); 0 disables. */
  maxRetries?: number;
}

/** The arguments tuple: `params` may be left out when nothing in it is required. */
export type ArgsOf<O> = RequiredKeys<ParamsOf<O>> extends never ? [params?: ParamsOf<O>, options?: CallOptions] : [params: ParamsOf<O>, options?: CallOptions];

/** One page of a cursor-paged list. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The item type of a paged operation. */
export type ItemOf<O> = ResultOf<O> extends { data: (infer T)[] } ? T : never;
