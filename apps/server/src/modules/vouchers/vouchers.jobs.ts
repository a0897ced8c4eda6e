import type { Job } from '../../jobs/worker.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { recordAudit } from '../identity/audit.ts';
import { expireDueCodes } from './vouchers.repository.ts';

/** Codes per run: bounded so one run is one short transaction; the next tick continues. */
const EXPIRY_BATCH = 1000;

/**
 * Marks usable codes past `expires_at` as expired (one audit row per batch touched, actor `system`). Correctness
 * does not wait for this job: reserve and redeem refuse a code past its date already; the job makes the state
 * visible in reads, lists and exports.
 */
export async function expireVouchers(ctx: ServiceContext): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const expired = await expireDueCodes(trx, ctx.clock.now().toISOString(), EXPIRY_BATCH);
    const perBatch = new Map<string, { accountId: string; environment: string; codes: number }>();
    for (const row of expired) {
      const entry = perBatch.get(row.batch_id) ?? { accountId: row.account_id, environment: row.environment, codes: 0 };
      entry.codes += 1;
      perBatch.set(row.batch_id, entry);
    }
    for (const [batchId, entry] of perBatch) {
      await recordAudit(trx, ctx, {
        actor: 'system',
        accountId: entry.accountId,
        action: 'voucher.expired',
        targetType: 'voucher_batch',
        targetId: batchId,
        details: { environment: entry.environment, codes_expired: entry.codes },
      });
    }
    return expired.length;
  });
}

export const voucherJobs: Job[] = [{ name: 'voucher-expiry', intervalMs: 60_000, run: expireVouchers }];
