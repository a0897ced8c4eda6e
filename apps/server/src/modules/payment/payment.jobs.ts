import type { Job } from '../../jobs/worker.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { stalePendingPayments } from './payment.repository.ts';
import { recordOutcome } from './payment-charge.service.ts';
import { settlePendingRefunds } from './payment-links.ts';
import { paymentProcessor } from './payment-processor.ts';

/** A card payment still pending this long after its creation lost its processor answer (a crash, a timeout). */
const STALE_AFTER_MS = 2 * 60_000;

/**
 * Finishes card payments whose processor call never returned: asks the processor (lookup by our payment id) and
 * records what it says; a charge the processor never received is recorded failed, so nothing stays pending forever.
 */
export async function reconcilePendingPayments(ctx: ServiceContext, limit = 100): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - STALE_AFTER_MS).toISOString();
  let settled = 0;
  for (const payment of await stalePendingPayments(ctx.db, before, limit)) {
    const outcome = (await paymentProcessor(payment.environment).lookup(payment.id)) ?? {
      status: 'processor_error' as const,
      message: 'The charge never reached the processor; nothing was charged.',
    };
    await ctx.db.transaction().execute((trx) => recordOutcome(trx, ctx, { actor: 'system' }, payment, outcome));
    settled += 1;
  }
  return settled;
}

export const paymentJobs: Job[] = [
  { name: 'payment-refund-settlement', intervalMs: 30_000, run: (ctx) => settlePendingRefunds(ctx) },
  { name: 'payment-reconciliation', intervalMs: 60_000, run: (ctx) => reconcilePendingPayments(ctx) },
];
