/** v2: a result entered by the partner's coordinator (no test driver), through the same receive path as R1–R3. */

import type { ResultOutcome } from '../../db/tables/results.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { ResultErrors } from './results.errors.ts';
import type { Category, ScoreReport } from './results.policy.ts';
import { findBookingByCode, findResult } from './results.repository.ts';
import { viewOfRecord } from './results.service.ts';
import { onceMoreOnDuplicate, receiveIn } from './results-inbound.service.ts';

export interface EnterResultBody {
  booking_code: string;
  outcome: ResultOutcome;
  overall?: { raw?: string; scaled?: number; percent?: number; label?: string };
  categories?: Category[];
  category_total_count?: number;
}

/**
 * 201 with the new result; the same entry again answers 200 with the stored one (nothing changes). With an
 * Idempotency-Key, a retry replays the first answer and the same key with another body is refused.
 */
export function enterResult(
  ctx: ServiceContext,
  scope: PartnerScope,
  body: EnterResultBody,
  key: string | undefined,
): Promise<IdempotentResult<ReturnType<typeof viewOfRecord>>> {
  const report: ScoreReport = {
    outcome: body.outcome,
    overall: {
      raw: body.overall?.raw ?? null,
      scaled: body.overall?.scaled ?? null,
      percent: body.overall?.percent ?? null,
      label: body.overall?.label ?? null,
    },
    categories: body.categories ?? [],
    category_total_count: body.category_total_count ?? null,
  };
  const idempotency = { accountId: scope.accountId, environment: scope.environment, operation: 'enterResult', key, request: body };
  return onceMoreOnDuplicate(() =>
    runIdempotent(ctx, idempotency, async (trx) => {
      const received = await receiveIn(trx, ctx, scope, {
        source: 'coordinator',
        report,
        findBooking: async (db) => {
          const booking = await findBookingByCode(db, scope, body.booking_code);
          if (!booking) throw new AppError(ResultErrors.RESULT_BOOKING_UNKNOWN, `no booking ${body.booking_code}`);
          return booking;
        },
      });
      const record = await findResult(trx, scope, received.result_id);
      if (!record) throw new AppError(ResultErrors.RESULT_NOT_FOUND, `no result ${received.result_id}`);
      return { status: received.stored ? 201 : 200, body: viewOfRecord(record) };
    }),
  );
}
