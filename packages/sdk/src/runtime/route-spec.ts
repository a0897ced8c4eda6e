/** What the runtime needs to know about one operation; generated per service from its OpenAPI document. */
export interface RouteSpec {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** With `{name}` placeholders for path parameters. */
  readonly path: string;
  /** A create (POST answering 201) or an operation declaring Idempotency-Key: it gets an automatic key, so it may be retried. */
  readonly idempotencyKey: boolean;
  /** Takes `cursor` and answers `{ data, next_cursor }`: the bound method gets `.all()` and `.pages()`. */
  readonly paged: boolean;
  /** How the 2xx body is read. */
  readonly response: 'json' | 'text' | 'none';
  /** Media type of the request body, null when the operation takes none. */
  readonly body: string | null;
}
