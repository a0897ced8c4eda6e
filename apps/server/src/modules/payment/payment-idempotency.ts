/**
 * Idempotency for operations that call the card processor. The platform's runIdempotent keeps the claim and the
 * effect in ONE transaction, but a transaction must never span a third-party call. So here the key is claimed in
 * the first transaction (with the pending payment or refund), the processor is called outside any transaction,
 * and the answer is stored in a second transaction with the outcome. A concurrent request with the same key finds
 * the claim and waits for that answer: 50 concurrent requests give one processor call and 50 identical answers.
 * Refusals after the claim (a declined card…) are stored too, so a retry replays the decline instead of charging.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Executor } from '../../db/executor.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { claimKey, findKey, storeResponse } from '../../platform/idempotency/idempotency.repository.ts';
import { IdempotencyErrors, type IdempotentResult, type IdempotentScope } from '../../platform/idempotency/idempotency.ts';
import { PaymentErrors } from './payment.errors.ts';

/** How long a request waits for the first request with its key to finish (a processor call takes seconds at most). */
const WAIT_FOR_ANSWER_MS = 30_000;
const POLL_MS = 20;

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function keyScopeOf(scope: IdempotentScope, key: string) {
  return { account_id: scope.accountId, environment: scope.environment, operation: scope.operation, idempotency_key: key };
}

/** Builds a payment refusal; 402s carry PSI's `payment_required` on v1. */
export function paymentRefusal(code: string, detail: string): AppError {
  const error = new AppError(code, detail);
  return error.status === 402 ? new AppError(code, detail, { psi: { error: 'payment_required', error_description: detail } }) : error;
}

/** A stored answer: a success body, or `{ error }` for a refusal that must replay as the same refusal. */
function replayOf<T>(status: number, body: string): IdempotentResult<T> {
  const parsed = JSON.parse(body) as T | { error: { code: string; detail: string } };
  if (status >= 400) {
    const { code, detail } = (parsed as { error: { code: string; detail: string } }).error;
    throw paymentRefusal(code, detail);
  }
  return { status, body: parsed as T, replayed: true };
}

export type Begun<P, T> = { kind: 'new'; prepared: P } | { kind: 'replay'; result: IdempotentResult<T> };

/**
 * Phase 1: in one transaction, claims the key (when there is one) and runs `prepare` (checks + the pending row).
 * When the key was claimed before, waits for and answers that request's stored answer instead.
 */
export async function beginIdempotent<P, T>(ctx: ServiceContext, scope: IdempotentScope, prepare: (trx: Executor) => Promise<P>): Promise<Begun<P, T>> {
  const key = scope.key;
  if (key === undefined) return { kind: 'new', prepared: await ctx.db.transaction().execute(prepare) };
  const keyScope = keyScopeOf(scope, key);
  const requestHash = createHash('sha256').update(canonicalJson(scope.request)).digest('hex');
  const deadline = Date.now() + WAIT_FOR_ANSWER_MS;
  for (;;) {
    const claimed = await ctx.db.transaction().execute(async (trx) => {
      const row = { ...keyScope, request_hash: requestHash, response_status: null, response_body: null, created_at: ctx.clock.now().toISOString() };
      if (!(await claimKey(trx, row))) return undefined;
      return { prepared: await prepare(trx) };
    });
    if (claimed) return { kind: 'new', prepared: claimed.prepared };
    // Someone holds the key: wait for their answer. If their first phase failed, the claim is gone and we try again.
    for (;;) {
      const existing = await findKey(ctx.db, keyScope);
      if (!existing) break;
      if (existing.request_hash !== requestHash) {
        throw new AppError(IdempotencyErrors.IDEMPOTENCY_KEY_REUSED, `Idempotency-Key "${key}" was used for a different request`);
      }
      if (existing.response_status !== null && existing.response_body !== null) {
        return { kind: 'replay', result: replayOf<T>(existing.response_status, existing.response_body) };
      }
      if (Date.now() > deadline) throw new AppError(PaymentErrors.PAYMENT_IN_PROGRESS, `the request with Idempotency-Key "${key}" is still running`);
      await sleep(POLL_MS);
    }
  }
}

/** Phase 3, inside the outcome's transaction: stores the answer for later requests with the same key. */
export async function storeAnswer(trx: Executor, scope: IdempotentScope, answer: { status: number; body: unknown } | AppError): Promise<void> {
  if (scope.key === undefined) return;
  const keyScope = keyScopeOf(scope, scope.key);
  if (answer instanceof AppError) {
    await storeResponse(trx, keyScope, answer.status, JSON.stringify({ error: { code: answer.code, detail: answer.detail ?? answer.message } }));
  } else {
    await storeResponse(trx, keyScope, answer.status, JSON.stringify(answer.body));
  }
}
