import type { Job } from '../../jobs/worker.ts';
import { markNoShows } from './attendance.service.ts';
import { expireHolds } from './holds.service.ts';

/** Background work of the booking service: free the seats of expired holds; mark no-shows after start + grace. */
export const bookingJobs: Job[] = [
  { name: 'hold-expiry', intervalMs: 15_000, run: expireHolds },
  { name: 'no-show-marking', intervalMs: 60_000, run: markNoShows },
];
