import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { bookingJobs } from '../modules/booking/booking.jobs.ts';
import { eligibilityJobs } from '../modules/eligibility/eligibility.jobs.ts';
import { notificationJobs } from '../modules/notifications/resend-jobs.ts';
import { deleteExpiredTokens } from '../modules/oauth/token.repository.ts';
import { paymentJobs } from '../modules/payment/payment.jobs.ts';
import { proctoringJobs } from '../modules/proctoring/proctoring.jobs.ts';
import { voucherJobs } from '../modules/vouchers/vouchers.jobs.ts';
import type { ServiceContext } from '../platform/context.ts';
import { deleteKeysBefore } from '../platform/idempotency/idempotency.repository.ts';
import { tryTakeJobLease } from './job-lease.repository.ts';

export interface Job {
  name: string;
  intervalMs: number;
  run(ctx: ServiceContext): Promise<unknown>;
  /**
   * Scheduled jobs run once per tick across the whole cluster (a lease in `job_lease`). A job whose work is already
   * split safely between workers (e.g. a dispatcher claiming rows with SKIP LOCKED) sets this to run on every worker.
   */
  everyWorker?: boolean;
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

export const JOBS: Job[] = [
  tokenCleanup,
  idempotencyCleanup,
  ...eligibilityJobs,
  ...voucherJobs,
  ...bookingJobs,
  ...paymentJobs,
  ...notificationJobs,
  ...proctoringJobs,
];

/**
 * How long a tick's lease lasts: a little less than the interval, so the holder's own next tick finds it free even
 * with timer jitter, while any other worker ticking in between finds it taken. Any window of this length sees at
 * most one run of the job cluster-wide.
 */
export function leaseMsOf(intervalMs: number): number {
  return intervalMs - Math.min(1000, Math.floor(intervalMs / 10));
}

export interface WorkerOptions {
  jobs?: Job[];
  /** Identifies this worker in `job_lease.holder`. */
  holder?: string;
  /**
   * `atlas worker` has nothing else keeping Node's event loop alive: its timers must hold the process. Beside the
   * HTTP server (`atlas serve`) and in tests they must not.
   */
  keepProcessAlive?: boolean;
}

/**
 * The background loop: each job runs on its interval, one run at a time per process and — through its lease — one
 * run per tick across all workers. A failing run is logged and retried on the next tick.
 */
export function startWorker(
  ctx: ServiceContext,
  log: FastifyBaseLogger,
  jobsOrOptions: Job[] | WorkerOptions = {},
): { holder: string; jobs: string[]; stop(): Promise<void> } {
  const options = Array.isArray(jobsOrOptions) ? { jobs: jobsOrOptions } : jobsOrOptions;
  const jobs = options.jobs ?? JOBS;
  const holder = options.holder ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;
  const runIfLeased = async (job: Job) => {
    if (!job.everyWorker) {
      const now = ctx.clock.now();
      const until = new Date(now.getTime() + leaseMsOf(job.intervalMs)).toISOString();
      if (!(await tryTakeJobLease(ctx.db, { name: job.name, holder, now: now.toISOString(), until }))) return;
    }
    if (!stopped) await job.run(ctx);
  };
  const timers = jobs.map((job) => {
    const tick = () => {
      if (stopped || running.has(job.name)) return;
      const run = runIfLeased(job)
        .catch((error) => log.error({ err: error, job: job.name }, 'job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    };
    const timer = setInterval(tick, job.intervalMs);
    if (!options.keepProcessAlive) timer.unref();
    setImmediate(tick);
    return timer;
  });
  return {
    holder,
    jobs: jobs.map((job) => job.name),
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled(running.values());
    },
  };
}
