/** Use cases on batches: issue, read, list, list/export codes, void. */
import type { Executor } from '../../db/executor.ts';
import type { VoucherBatchTable, VoucherState, VoucherTable } from '../../db/tables/vouchers.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import { recordAudit } from '../identity/audit.ts';
import { findTest } from '../test-publication/test-publication.repository.ts';
import { generateVoucherCode } from './voucher-codes.ts';
import type { VoucherActorScope } from './voucher-lifecycle.service.ts';
import { VoucherErrors } from './vouchers.errors.ts';
import { type Discount, discountProblem } from './vouchers.policy.ts';
import {
  countCodesByState,
  findBatch,
  insertBatch,
  insertVouchers,
  listBatchCodes,
  listBatches,
  updateBatchStatus,
  voidBatchCodes,
} from './vouchers.repository.ts';
import { batchView, codesCsv, discountColumns, voucherView } from './vouchers.views.ts';

type Scope = Omit<VoucherActorScope, 'actor'>;

export interface CreateBatchInput {
  name: string;
  test_codes: string[];
  discount: { kind: Discount['kind']; percent?: number; amount?: { amount: number; currency: string } };
  expires_at: string;
  max_uses?: number;
  count: number;
  code_prefix?: string;
}

export type BatchView = ReturnType<typeof batchView>;

function invalid(pointer: string, message: string): AppError {
  return new AppError(PlatformErrors.VALIDATION_FAILED, `${pointer} ${message}`, { errors: [{ pointer, message }] });
}

/** Issues a batch and its codes in one transaction (with the Idempotency-Key claim, so a retry never issues twice). */
export async function createBatch(
  ctx: ServiceContext,
  scope: VoucherActorScope,
  input: CreateBatchInput,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<BatchView>> {
  const problem = discountProblem(input.discount);
  if (problem) throw invalid(problem.pointer, problem.message);
  const discount = input.discount as Discount;
  const now = ctx.clock.now().toISOString();
  // One text format for every stored timestamp: comparisons in SQL are text comparisons (ADR 0002).
  const expiresAt = new Date(input.expires_at).toISOString();
  if (expiresAt <= now) throw invalid('/body/expires_at', 'must be in the future');
  const idempotency = { accountId: scope.accountId, environment: scope.environment, operation: 'createVoucherBatch', key: idempotencyKey, request: input };
  return runIdempotent(ctx, idempotency, async (trx) => {
    for (const [index, testCode] of input.test_codes.entries()) {
      const test = await findTest(trx, scope, testCode);
      if (!test) {
        throw new AppError(VoucherErrors.VOUCHER_UNKNOWN_TEST, `no test ${testCode} in your ${scope.environment} environment`, {
          errors: [{ pointer: `/body/test_codes/${index}`, message: `unknown test ${testCode}` }],
        });
      }
      if (discount.kind === 'amount' && test.price_currency !== discount.amount.currency) {
        throw new AppError(
          VoucherErrors.VOUCHER_CURRENCY_MISMATCH,
          `test ${testCode} is priced in ${test.price_currency}, the discount in ${discount.amount.currency}`,
        );
      }
    }
    const batch: VoucherBatchTable = {
      id: ctx.ids.id('voucherBatch'),
      account_id: scope.accountId,
      environment: scope.environment,
      name: input.name,
      test_codes: JSON.stringify(input.test_codes),
      ...discountColumns(discount),
      code_prefix: input.code_prefix ?? null,
      expires_at: expiresAt,
      max_uses: input.max_uses ?? 1,
      code_count: input.count,
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    await insertBatch(trx, batch);
    // 80 random bits per code: a collision among even 10^8 codes has odds below 10^-8, so the UNIQUE constraint is a
    // backstop (a collision fails the request, which the partner retries) rather than a loop here.
    const vouchers: VoucherTable[] = Array.from({ length: input.count }, () => ({
      id: ctx.ids.id('voucher'),
      batch_id: batch.id,
      account_id: scope.accountId,
      environment: scope.environment,
      code: generateVoucherCode(batch.code_prefix),
      state: 'issued',
      previous_state: null,
      uses: 0,
      max_uses: batch.max_uses,
      expires_at: expiresAt,
      reserved_for_type: null,
      reserved_for_id: null,
      reserved_at: null,
      redeemed_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    await insertVouchers(trx, vouchers);
    await recordAudit(trx, ctx, {
      actor: scope.actor,
      accountId: scope.accountId,
      action: 'voucher_batch.created',
      targetType: 'voucher_batch',
      targetId: batch.id,
      details: { environment: scope.environment, name: batch.name, test_codes: input.test_codes, discount, count: input.count, max_uses: batch.max_uses },
    });
    return { status: 201, body: batchView(batch, [{ state: 'issued', count: input.count }]) };
  });
}

async function requireBatch(db: Executor, scope: Scope, batchId: string): Promise<VoucherBatchTable> {
  const batch = await findBatch(db, scope, batchId);
  if (!batch) throw new AppError(VoucherErrors.VOUCHER_BATCH_NOT_FOUND, `no voucher batch ${batchId}`);
  return batch;
}

async function withCounts(db: Executor, batches: VoucherBatchTable[]): Promise<BatchView[]> {
  const counts = await countCodesByState(
    db,
    batches.map((b) => b.id),
  );
  return batches.map((b) => batchView(b, counts.filter((c) => c.batch_id === b.id) as { state: VoucherState; count: number }[]));
}

export async function getBatch(ctx: ServiceContext, scope: Scope, batchId: string): Promise<BatchView> {
  const batch = await requireBatch(ctx.db, scope, batchId);
  return (await withCounts(ctx.db, [batch]))[0] as BatchView;
}

export async function listBatchesPage(ctx: ServiceContext, scope: Scope, query: { page_size?: number; cursor?: string; status?: 'active' | 'void' }) {
  const pageSize = query.page_size ?? 50;
  const [before] = (decodeCursor(query.cursor, 1) ?? []) as string[];
  const rows = await listBatches(ctx.db, scope, { before, status: query.status, limit: pageSize + 1 });
  const page = pageOf(
    rows,
    pageSize,
    (r) => [r.id],
    (r) => r,
  );
  return { data: await withCounts(ctx.db, page.data), next_cursor: page.next_cursor };
}

export async function listCodesPage(ctx: ServiceContext, scope: Scope, batchId: string, query: { page_size?: number; cursor?: string; state?: VoucherState }) {
  const batch = await requireBatch(ctx.db, scope, batchId);
  const pageSize = query.page_size ?? 50;
  const [after] = (decodeCursor(query.cursor, 1) ?? []) as string[];
  const rows = await listBatchCodes(ctx.db, batch.id, { after, state: query.state, limit: pageSize + 1 });
  const facts = { test_codes: batch.test_codes, ...discountColumns(batchView(batch).discount) };
  return pageOf(
    rows,
    pageSize,
    (r) => [r.id],
    (r) => voucherView({ ...r, ...facts }),
  );
}

/** Every code of the batch as CSV. Codes are bearer instruments: each export is recorded in the audit log. */
export async function exportCodesCsv(ctx: ServiceContext, scope: VoucherActorScope, batchId: string): Promise<{ filename: string; csv: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const batch = await requireBatch(trx, scope, batchId);
    const rows = await listBatchCodes(trx, batch.id, {});
    await recordAudit(trx, ctx, {
      actor: scope.actor,
      accountId: scope.accountId,
      action: 'voucher_batch.exported',
      targetType: 'voucher_batch',
      targetId: batch.id,
      details: { environment: scope.environment, codes: rows.length },
    });
    return { filename: `${batch.id}-codes.csv`, csv: codesCsv(rows) };
  });
}

/** Voids the batch and every code of it that can still be used (reservations are dropped); used codes keep their history. */
export async function voidBatch(ctx: ServiceContext, scope: VoucherActorScope, batchId: string): Promise<BatchView> {
  return ctx.db.transaction().execute(async (trx) => {
    const batch = await requireBatch(trx, scope, batchId);
    const now = ctx.clock.now().toISOString();
    const updated = await updateBatchStatus(trx, batch.id, 'void', now);
    if (!updated) throw new AppError(VoucherErrors.VOUCHER_BATCH_VOID, `voucher batch ${batch.id} is already void`);
    const voided = await voidBatchCodes(trx, batch.id, now);
    await recordAudit(trx, ctx, {
      actor: scope.actor,
      accountId: scope.accountId,
      action: 'voucher_batch.voided',
      targetType: 'voucher_batch',
      targetId: batch.id,
      details: { environment: scope.environment, codes_voided: voided },
    });
    return (await withCounts(trx, [updated]))[0] as BatchView;
  });
}
