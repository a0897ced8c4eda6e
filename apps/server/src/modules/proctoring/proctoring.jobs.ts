import type { Job } from '../../jobs/worker.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isPastDeadline } from './proctoring.policy.ts';
import { findRunningPastEnd, findSession } from './proctoring.repository.ts';
import { applyEvent } from './session-events.service.ts';

export const TIMEOUT_ACTOR = 'system:proctoring-worker';

/**
 * Sittings the proctoring side never closed: past the scheduled end plus granted extra time and a grace period, the
 * session times out (which completes the booking), as if the proctoring side had posted TIMED_OUT.
 */
export async function timeOutOverdueSessions(ctx: ServiceContext, limit = 200): Promise<number> {
  const now = ctx.clock.now();
  let timedOut = 0;
  for (const candidate of await findRunningPastEnd(ctx.db, now.toISOString(), limit)) {
    if (!isPastDeadline(candidate, now)) continue;
    const scope = { accountId: candidate.account_id, environment: candidate.environment, actor: TIMEOUT_ACTOR };
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const session = await findSession(trx, scope, candidate.id);
        if (session && isPastDeadline(session, now)) await applyEvent(trx, ctx, scope, session, { type: 'TIMED_OUT', note: 'no end of sitting received' });
      });
      timedOut += 1;
    } catch (error) {
      // The proctoring side ended it meanwhile: nothing to do.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return timedOut;
}

export const proctoringJobs: Job[] = [{ name: 'proctoring-timeouts', intervalMs: 60_000, run: timeOutOverdueSessions }];
