import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, defineErrors } from '../errors.ts';
import { claimKey, findKey, storeResponse } from './idempotency.repository.ts';

export const IdempotencyErrors = defineErrors({
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'Idempotency-Key reused with another request',
    fix: 'Use a new Idempotency-Key for a different request; resend the same body to get the first answer again.',
  },
  IDEMPOTENCY_KEY_INVALID: { status: 400, title: 'Invalid Idempotency-Key', fix: 'Send 1–255 visible ASCII characters, e.g. a UUID.' },
});

export interface IdempotentScope {
  accountId: string;
  environment: Environment;
  /** operationId of the route: the same key may be used once per operation. */
  operation: string;
  /** The Idempotency-Key header; undefined runs the work without a key. */
  key: string | undefined;
  /** Everything that defines the request (body and path parameters): a different request under the same key is refused. */
  request: unknown;
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** JSON with sorted object keys, so `{a,b}` and `{b,a}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw new AppError(IdempotencyErrors.IDEMPOTENCY_KEY_INVALID, 'Idempotency-Key must be 1–255 visible ASCII characters, sent once');
  }
  return header;
}

/**
 * Runs `work` in one transaction with the key's claim: the effect and the stored answer commit together, so
 * 50 concurrent requests with one key give one effect and 50 identical answers. A failing `work` rolls the claim
 * back too, so the partner can retry with the same key.
 */
export async function runIdempotent<T>(
  ctx: ServiceContext,
  scope: IdempotentScope,
  work: (trx: Executor) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (scope.key === undefined) {
    const result = await ctx.db.transaction().execute(work);
    return { ...result, replayed: false };
  }
  const keyScope = { account_id: scope.accountId, environment: scope.environment, operation: scope.operation, idempotency_key: scope.key };
  const requestHash = createHash('sha256').update(canonicalJson(scope.request)).digest('hex');
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await claimKey(trx, {
      ...keyScope,
      request_hash: requestHash,
      response_status: null,
      response_body: null,
      created_at: ctx.clock.now().toISOString(),
    });
    if (!claimed) {
      const existing = await findKey(trx, keyScope);
      if (!existing || existing.request_hash !== requestHash) {
        throw new AppError(IdempotencyErrors.IDEMPOTENCY_KEY_REUSED, `Idempotency-Key "${scope.key}" was used for a different request`);
      }
      if (existing.response_status === null || existing.response_body === null)
        throw new Error('idempotency row without an answer after its transaction ended');
      return { status: existing.response_status, body: JSON.parse(existing.response_body) as T, replayed: true };
    }
    const result = await work(trx);
    await storeResponse(trx, keyScope, result.status, JSON.stringify(result.body));
    return { ...result, replayed: false };
  });
}
