import type { ServiceContext } from '../../platform/context.ts';
import { dailyUsage } from './portal-queries.ts';

/** Usage of an account over the last `days` days (UTC), with the days listed even when empty so charts have an axis. */
export async function usageReport(ctx: ServiceContext, accountId: string, days: number, environment?: 'production' | 'sandbox') {
  const now = ctx.clock.now();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const rows = await dailyUsage(ctx.db, { accountId, since: start.toISOString(), environment });
  const dayList = Array.from({ length: days }, (_, i) => new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10));
  return { since: start.toISOString(), days: dayList, rows };
}
