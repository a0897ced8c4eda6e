/**
 * One change of a result (release, hold, amend, invalidate, a test driver's resubmission, a review decision): the
 * guarded UPDATE at the version read, its history row, its revision when the score changed, and — when the partner
 * sees it — the two outbound events, in the caller's transaction.
 */
import type { Executor } from '../../db/executor.ts';
import type { ResultState, ResultTable } from '../../db/tables/results.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../notifications/outbox.ts';
import { ResultErrors } from './results.errors.ts';
import { type DiffEntry, diffReports, outboundTypeOf, type ResultAction, type ScoreReport } from './results.policy.ts';
import { insertResultTransition, insertRevision, updateResult } from './results.repository.ts';
import { noticePayload, type ResultParties, reportPayload } from './results.views.ts';

export interface ResultChange {
  action: ResultAction | 'resubmit' | 'review_cleared';
  to: ResultState;
  holdReason?: 'proctoring_review' | 'coordinator' | null;
  reason: string | null;
  /** A new score report (amend, resubmit): a new revision with its diff. */
  report?: ScoreReport;
  bodyHash?: string;
}

export async function changeResult(
  trx: Executor,
  ctx: ServiceContext,
  scope: PartnerScope,
  current: ResultTable,
  parties: ResultParties,
  change: ResultChange,
): Promise<ResultTable> {
  const now = ctx.clock.now().toISOString();
  let diff: DiffEntry[] | null = null;
  if (change.report) diff = diffReports(JSON.parse(current.report) as ScoreReport, change.report);
  const revision = change.report ? current.revision + 1 : current.revision;
  const updated = await updateResult(trx, current.id, current.version, {
    previous_state: current.state,
    state: change.to,
    state_reason: change.reason ?? change.action,
    hold_reason: change.to === 'held' ? (change.holdReason ?? 'coordinator') : null,
    ...(change.report ? { report: JSON.stringify(change.report), revision } : {}),
    ...(change.bodyHash ? { body_hash: change.bodyHash } : {}),
    ...(change.to === 'released' && current.state !== 'released' ? { released_at: now } : {}),
    updated_at: now,
  });
  if (!updated) throw new AppError(ResultErrors.RESULT_CONFLICT, `result ${current.id} changed while this request was applied`);
  await insertResultTransition(trx, {
    result_id: updated.id,
    version: updated.version,
    previous_state: current.state,
    state: updated.state,
    action: change.action,
    reason: change.reason,
    actor: scope.actor,
    at: now,
  });
  if (change.report) {
    await insertRevision(trx, {
      result_id: updated.id,
      revision,
      report: updated.report,
      reason: change.reason ?? change.action,
      diff: JSON.stringify(diff ?? []),
      actor: scope.actor,
      created_at: now,
    });
  }
  const type = change.action === 'review_cleared' ? undefined : outboundTypeOf(change.action, current.state, updated.state);
  if (type) {
    const common = {
      accountId: updated.account_id,
      environment: updated.environment,
      type,
      entityType: 'result',
      entityId: updated.id,
      entityVersion: updated.version,
      previousState: current.state,
      occurredAt: now,
    };
    const full = reportPayload(updated, parties, { reason: type === 'assessment_result.released' ? null : change.reason, diff });
    await recordEvent(trx, ctx, { ...common, service: 'assessment-results', payload: full });
    await recordEvent(trx, ctx, { ...common, service: 'assessment-results-notification', payload: noticePayload(updated, parties, type) });
  }
  return updated;
}
