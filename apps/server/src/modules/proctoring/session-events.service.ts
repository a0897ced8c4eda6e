/**
 * Session changes: events from the proctoring side, the review decision, and the sandbox simulator. Each change is
 * the policy's check, one guarded UPDATE at the version read, the event row, the booking's step and — for a
 * decision — the two outbound events, all in one transaction.
 */
import type { Executor } from '../../db/executor.ts';
import type { ProctoringSessionTable } from '../../db/tables/proctoring.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { recordEvent } from '../notifications/outbox.ts';
import { releaseReviewHolds } from '../results/results-links.ts';
import { advanceBooking } from './booking-progress.ts';
import { ProctoringErrors } from './proctoring.errors.ts';
import {
  bookingStepFor,
  eventRefusal,
  higherSeverity,
  isDecided,
  isEnded,
  nextState,
  remainingSimulation,
  reviewRefusal,
  type SessionEventInput,
  SIMULATION_PATHS,
  type SimulationPath,
} from './proctoring.policy.ts';
import { findSession, findSessionParties, insertEvent, listEvents, updateSession } from './proctoring.repository.ts';
import { noticePayload, outcomePayload, type SessionView, sessionView } from './proctoring.views.ts';

export interface EventBody extends SessionEventInput {
  note?: string;
  occurred_at?: string;
}

export async function requireSession(db: Executor, scope: Omit<PartnerScope, 'actor'>, sessionId: string): Promise<ProctoringSessionTable> {
  const session = await findSession(db, scope, sessionId);
  if (!session) throw new AppError(ProctoringErrors.PROCTORING_SESSION_NOT_FOUND, `no proctoring session ${sessionId}`);
  return session;
}

async function moved(trx: Executor, id: string, version: number, changes: Parameters<typeof updateSession>[3]): Promise<ProctoringSessionTable> {
  const row = await updateSession(trx, id, version, changes);
  if (!row) throw new AppError(ProctoringErrors.PROCTORING_CONFLICT, `session ${id} changed while this request was applied`);
  return row;
}

/** Applies one proctoring-side event to a session read in this transaction; answers the session after it. */
export async function applyEvent(
  trx: Executor,
  ctx: ServiceContext,
  scope: PartnerScope,
  session: ProctoringSessionTable,
  event: EventBody,
): Promise<ProctoringSessionTable> {
  const refusal = eventRefusal(session, event);
  if (refusal) {
    const errors = 'pointer' in refusal ? [{ pointer: refusal.pointer, message: refusal.detail }] : undefined;
    throw new AppError(refusal.code, refusal.detail, errors ? { errors } : {});
  }
  const now = ctx.clock.now().toISOString();
  const occurredAt = event.occurred_at ? new Date(event.occurred_at).toISOString() : now;
  const to = nextState(session.state, event.type);
  const stateChanges = to === session.state ? {} : { previous_state: session.state, state: to, state_reason: event.reason_code ?? event.type };
  const updated = await moved(trx, session.id, session.version, {
    ...stateChanges,
    ...(event.type === 'LAUNCHED' ? { launched_at: occurredAt } : {}),
    ...(event.type === 'SYSTEM_CHECK_PASSED' ? { system_check: 'passed' as const } : {}),
    ...(event.type === 'SYSTEM_CHECK_FAILED' ? { system_check: 'failed' as const } : {}),
    ...(event.type === 'ID_VERIFIED' ? { id_verified: 1 as const } : {}),
    ...(event.type === 'STARTED' ? { started_at: occurredAt } : {}),
    ...(event.type === 'RESUMED' ? { extra_time_minutes: session.extra_time_minutes + (event.extra_time_minutes ?? 0) } : {}),
    ...(event.type === 'INCIDENT' && event.severity
      ? { incident_count: session.incident_count + 1, max_severity: higherSeverity(session.max_severity, event.severity) }
      : {}),
    ...(isEnded(to) && !isEnded(session.state) ? { ended_as: to as 'submitted' | 'terminated' | 'timed_out', ended_at: occurredAt } : {}),
    updated_at: now,
  });
  await insertEvent(trx, {
    id: ctx.ids.id('proctoringEvent'),
    session_id: session.id,
    sequence: updated.version,
    type: event.type,
    previous_state: session.state,
    state: updated.state,
    severity: event.severity ?? null,
    reason_code: event.reason_code ?? null,
    note: event.note ?? null,
    extra_time_minutes: event.extra_time_minutes ?? null,
    actor: scope.actor,
    occurred_at: occurredAt,
    created_at: now,
  });
  const step = bookingStepFor(session.state, updated.state);
  if (step) await advanceBooking(trx, ctx, scope, session.booking_id, step);
  return updated;
}

/** The review decision (verified | rejected) with notes; a sitting that ended passes through under_review first. */
export async function applyDecision(
  trx: Executor,
  ctx: ServiceContext,
  scope: PartnerScope,
  current: ProctoringSessionTable,
  decision: { decision: 'verified' | 'rejected'; notes?: string },
): Promise<ProctoringSessionTable> {
  const refusal = reviewRefusal(current.state, decision.decision);
  if (refusal) throw new AppError(ProctoringErrors.PROCTORING_REVIEW_NOT_ALLOWED, refusal);
  const revised = isDecided(current.state);
  let session = current;
  if (isEnded(session.state)) session = await applyEvent(trx, ctx, scope, session, { type: 'REVIEW_STARTED' });
  const now = ctx.clock.now().toISOString();
  const updated = await moved(trx, session.id, session.version, {
    previous_state: session.state,
    state: decision.decision,
    state_reason: revised ? 'review decision revised' : 'review decision',
    review_decision: decision.decision,
    review_notes: decision.notes ?? null,
    reviewed_by: scope.actor,
    reviewed_at: now,
    updated_at: now,
  });
  await insertEvent(trx, {
    id: ctx.ids.id('proctoringEvent'),
    session_id: session.id,
    sequence: updated.version,
    type: decision.decision === 'verified' ? 'REVIEW_VERIFIED' : 'REVIEW_REJECTED',
    previous_state: session.state,
    state: updated.state,
    severity: null,
    reason_code: null,
    note: decision.notes ?? null,
    extra_time_minutes: null,
    actor: scope.actor,
    occurred_at: now,
    created_at: now,
  });
  const parties = await findSessionParties(trx, updated);
  const type = revised ? 'proctoring_result.changed' : 'proctoring_result.available';
  const common = {
    accountId: updated.account_id,
    environment: updated.environment,
    type,
    entityType: 'proctoring_session',
    entityId: updated.id,
    entityVersion: updated.version,
    previousState: session.state,
    occurredAt: now,
  };
  await recordEvent(trx, ctx, { ...common, service: 'proctoring-results', payload: outcomePayload(updated, parties, await listEvents(trx, updated.id)) });
  await recordEvent(trx, ctx, { ...common, service: 'proctoring-results-notification', payload: noticePayload(updated, parties) });
  await releaseReviewHolds(trx, ctx, scope, updated.booking_id, decision.decision);
  return updated;
}

async function viewOf(db: Executor, session: ProctoringSessionTable): Promise<SessionView> {
  return sessionView(session, await findSessionParties(db, session));
}

/**
 * Concurrent events on one session: the guarded UPDATE lets one win; the others re-read the session (PostgreSQL's
 * READ COMMITTED sees the winner's commit) and apply again from the new state, so an allowed event is not lost.
 */
async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppError && error.code === ProctoringErrors.PROCTORING_CONFLICT) || attempt >= 20) throw error;
    }
  }
}

function idempotent<T>(
  ctx: ServiceContext,
  scope: PartnerScope,
  operation: string,
  key: string | undefined,
  request: unknown,
  work: (trx: Executor) => Promise<T>,
) {
  return runIdempotent(ctx, { accountId: scope.accountId, environment: scope.environment, operation, key, request }, async (trx) => ({
    status: 200,
    body: await work(trx),
  }));
}

export function recordSessionEvent(
  ctx: ServiceContext,
  scope: PartnerScope,
  sessionId: string,
  event: EventBody,
  key: string | undefined,
): Promise<IdempotentResult<SessionView>> {
  return idempotent(ctx, scope, 'recordProctoringEvent', key, { sessionId, event }, async (trx) =>
    viewOf(trx, await withRetry(async () => applyEvent(trx, ctx, scope, await requireSession(trx, scope, sessionId), event))),
  );
}

export function decideReview(
  ctx: ServiceContext,
  scope: PartnerScope,
  sessionId: string,
  body: { decision: 'verified' | 'rejected'; notes?: string },
  key: string | undefined,
): Promise<IdempotentResult<SessionView>> {
  return idempotent(ctx, scope, 'decideProctoringReview', key, { sessionId, body }, async (trx) =>
    viewOf(trx, await applyDecision(trx, ctx, scope, await requireSession(trx, scope, sessionId), body)),
  );
}

/** Sandbox: walks the session along a path from where it is, then applies the review decision when one is asked. */
export async function simulateSession(
  ctx: ServiceContext,
  scope: PartnerScope,
  sessionId: string,
  body: { path: SimulationPath; review?: 'verified' | 'rejected' | 'none'; notes?: string },
): Promise<SessionView> {
  return ctx.db.transaction().execute(async (trx) => {
    let session = await requireSession(trx, scope, sessionId);
    const path = SIMULATION_PATHS[body.path] ?? [];
    for (const event of remainingSimulation(path, session)) {
      session = await applyEvent(trx, ctx, scope, session, { ...event, note: 'sandbox simulator' });
    }
    const review = body.review ?? 'verified';
    if (review !== 'none' && session.state !== review) {
      session = await applyDecision(trx, ctx, scope, session, { decision: review, notes: body.notes ?? 'sandbox simulator' });
    }
    return viewOf(trx, session);
  });
}
