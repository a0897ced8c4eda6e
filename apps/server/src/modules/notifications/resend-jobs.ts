/** Works through bulk resend jobs in chunks, recording progress after each, so a restarted worker continues where it was. */
import type { Job } from '../../jobs/worker.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { claimResendJob, requeueFailedChunk, updateResendJob } from './deliveries.repository.ts';

const CHUNK = 500;
/** A running job not touched for this long belongs to a worker that died: another one takes it over. */
const STALE_MS = 60_000;

/** Runs queued resend jobs to completion; returns how many deliveries were put back in the queue. */
export async function runResendJobs(ctx: ServiceContext): Promise<number> {
  let requeued = 0;
  for (;;) {
    const now = ctx.clock.now();
    const job = await claimResendJob(ctx.db, now.toISOString(), new Date(now.getTime() - STALE_MS).toISOString());
    if (!job) return requeued;
    const filter = JSON.parse(job.filter) as { service?: string; endpoint_id?: string; from?: string; to?: string; services: string[] };
    const scope = { accountId: job.account_id, environment: job.environment, services: filter.services as never };
    const criteria = {
      service: filter.service as never,
      endpointId: filter.endpoint_id,
      from: filter.from && new Date(filter.from).toISOString(),
      to: filter.to && new Date(filter.to).toISOString(),
    };
    let processed = job.processed;
    let afterId = job.last_delivery_id;
    for (;;) {
      const at = ctx.clock.now().toISOString();
      const chunk = await requeueFailedChunk(ctx.db, scope, criteria, afterId, CHUNK, at);
      if (chunk.lastId === null) {
        await updateResendJob(ctx.db, job.id, { status: 'completed', finished_at: at, updated_at: at });
        break;
      }
      processed += chunk.requeued;
      requeued += chunk.requeued;
      afterId = chunk.lastId;
      await updateResendJob(ctx.db, job.id, { processed, last_delivery_id: afterId, updated_at: at });
    }
  }
}

export const notificationJobs: Job[] = [{ name: 'notification-resend-jobs', intervalMs: 1_000, run: runResendJobs }];
