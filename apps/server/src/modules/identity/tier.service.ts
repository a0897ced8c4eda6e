import { isUniqueViolation } from '../../db/executor.ts';
import type { ThrottlingTierRow } from '../../db/schema.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { insertTier, listTiers } from './application.repository.ts';
import { recordAudit } from './audit.ts';
import { IdentityErrors } from './identity.errors.ts';
import { validateName } from './identity.policy.ts';

export async function listThrottlingTiers(ctx: ServiceContext): Promise<ThrottlingTierRow[]> {
  return listTiers(ctx.db);
}

function limit(value: number | null | undefined, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || value <= 0) throw new AppError(IdentityErrors.IDENTITY_INVALID_INPUT, `${what} must be a positive integer`);
  return value;
}

export async function createThrottlingTier(
  ctx: ServiceContext,
  input: { name: string; description?: string; requestsPerMinute?: number | null; requestsPerDay?: number | null },
  actor: Actor,
): Promise<ThrottlingTierRow> {
  const tier: ThrottlingTierRow = {
    name: validateName(input.name, 'the tier name'),
    description: input.description ?? '',
    requests_per_minute: limit(input.requestsPerMinute, 'requests per minute'),
    requests_per_day: limit(input.requestsPerDay, 'requests per day'),
    created_at: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertTier(trx, tier);
      await recordAudit(trx, ctx, { actor, accountId: null, action: 'tier.created', targetType: 'tier', targetId: tier.name, details: { ...tier } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(IdentityErrors.IDENTITY_TIER_EXISTS, `a tier called "${tier.name}" exists`);
    throw error;
  }
  return tier;
}
