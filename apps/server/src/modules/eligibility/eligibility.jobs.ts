import type { Job } from '../../jobs/worker.ts';

/** Background jobs of the eligibility module (e.g. expiring eligibilities whose window ended). */
export const eligibilityJobs: Job[] = [];
