import type { FastifyBaseLogger } from 'fastify';
import { bookingJobs } from '../modules/booking/booking.jobs.ts';
import { eligibilityJobs } from '../modules/eligibility/eligibility.jobs.ts';
import { deleteExpiredTokens } from '../modules/oauth/token.repository.ts';
import { paymentJobs } from '../modules/payment/payment.jobs.ts';
import { voucherJobs } from '../modules/vouchers/vouchers.jobs.ts';
import type { ServiceContext } from '../platform/context.ts';
import { deleteKeysBefore } from '../platform/idempotency/idempotency.repository.ts';

export interface Job {
  name: string;
  intervalMs: number;
  run(ctx: ServiceContext): Promise<unknown>;
}

/** Expired tokens are kept a week (for introspection answers and investigations), then removed. */
const tokenCleanup: Job = {
  name: 'token-cleanup',
  intervalMs: 10 * 60_000,
  run: (ctx) => deleteExpiredTokens(ctx.db, new Date(ctx.clock.now().getTime() - 7 * 86_400_000).toISOString()),
};

/** Idempotency keys answer retries for 24 hours (as Stripe's do), then go. */
const idempotencyCleanup: Job = {
  name: 'idempotency-cleanup',
  intervalMs: 10 * 60_000,
  run: (ctx) => deleteKeysBefore(ctx.db, new Date(ctx.clock.now().getTime() - 86_400_000).toISOString()),
};

export const JOBS: Job[] = [tokenCleanup, idempotencyCleanup, ...eligibilityJobs, ...voucherJobs, ...bookingJobs, ...paymentJobs];

/**
 * The background loop: each job runs on its interval, one run at a time; a failing run is logged and retried on
 * the next tick. Later issues add outbox dispatch, hold expiry, no-show marking and eligibility expiry here.
 */
export function startWorker(ctx: ServiceContext, log: FastifyBaseLogger, jobs: Job[] = JOBS): { stop(): Promise<void> } {
  const running = new Map<string, Promise<unknown>>();
  const timers = jobs.map((job) => {
    const tick = () => {
      if (running.has(job.name)) return;
      const run = job
        .run(ctx)
        .catch((error) => log.error({ err: error, job: job.name }, 'job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    };
    const timer = setInterval(tick, job.intervalMs);
    timer.unref();
    setImmediate(tick);
    return timer;
  });
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled(running.values());
    },
  };
}
