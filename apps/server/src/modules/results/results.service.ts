/** Reads of results, and the coordinator actions (release, hold, amend, invalidate) for partners and the admin CLI. */
import type { Executor } from '../../db/executor.ts';
import type { ResultState } from '../../db/tables/results.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import { reviewStatusForBooking } from '../proctoring/proctoring-links.ts';
import { changeResult, type ResultChange } from './result-changes.ts';
import { ResultErrors } from './results.errors.ts';
import { actionRefusal, amendedReport, diffReports, type ReportChanges, type ResultAction, type ScoreReport } from './results.policy.ts';
import { findResult, listResults, listResultTransitions, listRevisions, type ResultRecord, type ResultScope } from './results.repository.ts';
import { resultView, revisionView, transitionView } from './results.views.ts';

function split(record: ResultRecord) {
  const { eligibility_code, client_eligibility_id, candidate_id, ...row } = record;
  return { row, parties: { eligibility_code, client_eligibility_id, candidate_id } };
}

export function viewOfRecord(record: ResultRecord) {
  const { row, parties } = split(record);
  return resultView(row, parties);
}

async function requireResult(db: Executor, scope: ResultScope, resultId: string): Promise<ResultRecord> {
  const record = await findResult(db, scope, resultId);
  if (!record) throw new AppError(ResultErrors.RESULT_NOT_FOUND, `no result ${resultId}`);
  return record;
}

export async function getResult(ctx: ServiceContext, scope: ResultScope, resultId: string) {
  return viewOfRecord(await requireResult(ctx.db, scope, resultId));
}

export async function getResultHistory(ctx: ServiceContext, scope: ResultScope, resultId: string) {
  const record = await requireResult(ctx.db, scope, resultId);
  return {
    result_id: record.id,
    revisions: (await listRevisions(ctx.db, record.id)).map(revisionView),
    transitions: (await listResultTransitions(ctx.db, record.id)).map(transitionView),
  };
}

export async function listResultsPage(
  ctx: ServiceContext,
  scope: ResultScope,
  query: { page_size?: number; cursor?: string; booking_code?: string; candidate_id?: string; eligibility_code?: string; state?: ResultState },
) {
  const pageSize = query.page_size ?? 50;
  const [before] = (decodeCursor(query.cursor, 1) ?? []) as string[];
  const rows = await listResults(ctx.db, scope, {
    before,
    bookingCode: query.booking_code,
    candidateId: query.candidate_id,
    eligibilityCode: query.eligibility_code,
    state: query.state,
    limit: pageSize + 1,
  });
  return pageOf(rows, pageSize, (r) => [r.id], viewOfRecord);
}

export interface ActionBody extends ReportChanges {
  reason?: string;
}

/** The change an action makes to a result read in this transaction (or the refusal). */
async function changeFor(trx: Executor, record: ResultRecord, action: ResultAction, body: ActionBody): Promise<ResultChange> {
  const refusal = actionRefusal(record, action, await reviewStatusForBooking(trx, record.booking_id));
  if (refusal) throw new AppError(refusal.code, `result ${record.id}: ${refusal.detail}`);
  const reason = body.reason ?? null;
  switch (action) {
    case 'release':
      return { action, to: 'released', reason };
    case 'hold':
      return { action, to: 'held', holdReason: 'coordinator', reason };
    case 'invalidate':
      return { action, to: 'invalidated', reason };
    case 'amend': {
      const current = JSON.parse(record.report) as ScoreReport;
      const report = amendedReport(current, body);
      if (diffReports(current, report).length === 0)
        throw new AppError(ResultErrors.RESULT_AMENDMENT_EMPTY, 'the amendment changes no field of the score report');
      return { action, to: record.state, holdReason: record.hold_reason, reason, report };
    }
  }
}

/** Applies a coordinator action in one transaction (with the Idempotency-Key claim when given). */
export function actOnResult(
  ctx: ServiceContext,
  scope: PartnerScope,
  resultId: string,
  action: ResultAction,
  body: ActionBody,
  key?: string,
): Promise<IdempotentResult<ReturnType<typeof resultView>>> {
  const idempotency = { accountId: scope.accountId, environment: scope.environment, operation: `${action}Result`, key, request: { resultId, body } };
  return runIdempotent(ctx, idempotency, async (trx) => {
    // A concurrent change wins the guarded UPDATE: re-read and decide again from its outcome (e.g. "already released").
    for (let attempt = 1; ; attempt++) {
      const record = await requireResult(trx, scope, resultId);
      const { row, parties } = split(record);
      try {
        const updated = await changeResult(trx, ctx, scope, row, parties, await changeFor(trx, record, action, body));
        return { status: 200, body: resultView(updated, parties) };
      } catch (error) {
        if (!(error instanceof AppError && error.code === ResultErrors.RESULT_CONFLICT) || attempt >= 20) throw error;
      }
    }
  });
}

/** For the admin CLI: the account and environment a result belongs to (coordinators act on any account). */
export async function scopeOfResult(ctx: ServiceContext, resultId: string): Promise<ResultScope> {
  const row = await ctx.db.selectFrom('result').select(['account_id', 'environment']).where('id', '=', resultId).executeTakeFirst();
  if (!row) throw new AppError(ResultErrors.RESULT_NOT_FOUND, `no result ${resultId}`);
  return { accountId: row.account_id, environment: row.environment };
}
