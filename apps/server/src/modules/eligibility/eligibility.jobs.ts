import type { Job } from '../../jobs/worker.ts';
import { expireEndedEligibilities, openStartedEligibilities } from './eligibility-lifecycle.service.ts';

/**
 * Background jobs of the eligibility module: pending eligibilities open on their start date, and eligibilities whose
 * window ended without a booking expire. Open runs first so a one-day window still goes pending → open → expired.
 */
export const eligibilityJobs: Job[] = [
  {
    name: 'eligibility-window',
    intervalMs: 60_000,
    run: async (ctx) => ({ opened: await openStartedEligibilities(ctx), expired: await expireEndedEligibilities(ctx) }),
  },
];
