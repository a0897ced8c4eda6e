import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { findAccountById } from '../modules/identity/account.repository.ts';
import type { PresentedAccessToken } from '../modules/oauth/access-token-format.ts';
import { effectiveRoles } from '../modules/oauth/oauth.policy.ts';
import { findSubscriptionTiers, findTierLimits, findTokenPrincipal } from '../modules/oauth/token.repository.ts';
import type { RevocationBus } from '../platform/revocations.ts';
import { TtlCache } from '../platform/ttl-cache.ts';
import { buildAllowList, type Principal, type TierLimits } from './principal.ts';

/**
 * Bearer token → principal, through a bounded in-process cache. Revocations and configuration changes evict at once
 * on every node through the cluster bus (RevocationBus); an entry's `ttlMs` (1 s by default) bounds the delay if a
 * bus message is ever lost.
 * Unknown and invalid tokens are cached too, so garbage tokens cannot hammer the database.
 */
export class TokenCache {
  private readonly cache: TtlCache<string, Principal | null>;

  constructor(
    private readonly db: Kysely<Database>,
    revocations: RevocationBus,
    ttlMs: number,
    maxEntries = 50_000,
  ) {
    this.cache = new TtlCache(ttlMs, maxEntries);
    revocations.subscribe(({ tokenHashes }) => {
      for (const hash of tokenHashes) this.cache.delete(hash);
    });
    // Roles, CIDRs, subscriptions, tiers and statuses are copied into each principal: any change drops them all.
    revocations.onConfigChange(() => this.cache.clear());
  }

  /** The principal from the cache when it is fresh there (no promise), else a promise of it from the database. */
  resolve(token: PresentedAccessToken, nowMs: number): Principal | null | Promise<Principal | null> {
    const cached = this.cache.peek(token.tokenHash, nowMs);
    return cached ? cached.value : this.cache.get(token.tokenHash, nowMs, () => this.load(token));
  }

  clear(): void {
    this.cache.clear();
  }

  private async load(token: PresentedAccessToken): Promise<Principal | null> {
    const row = await findTokenPrincipal(this.db, token);
    if (!row || row.revoked_at !== null || row.application_status !== 'active' || row.account_status !== 'active') return null;
    if (row.user_id !== null && row.user_status !== 'active') return null;
    const [account, subscriptions, appTier] = await Promise.all([
      findAccountById(this.db, row.account_id),
      findSubscriptionTiers(this.db, row.application_id),
      findTierLimits(this.db, row.application_tier),
    ]);
    const limits = (t: { tier: string; requests_per_minute: number | null; requests_per_day: number | null }): TierLimits => ({
      tier: t.tier,
      requestsPerMinute: t.requests_per_minute,
      requestsPerDay: t.requests_per_day,
    });
    const cidrs = account?.cidrs ?? [];
    const roles = effectiveRoles(row.scope, account?.roles ?? []);
    const subscriptionLimits = new Map(subscriptions.map((s) => [s.service, { ...limits(s), status: s.status }]));
    return {
      tokenId: row.token_id,
      tokenHash: token.tokenHash,
      familyId: row.family_id,
      accountId: row.account_id,
      accountCode: row.account_code,
      accountName: row.account_name,
      applicationId: row.application_id,
      applicationName: row.application_name,
      environment: row.environment,
      userId: row.user_id,
      username: row.username,
      scope: row.scope,
      roles: new Set(roles),
      cidrs,
      allowList: buildAllowList(cidrs),
      ipDecisions: new Map(),
      subscriptions: subscriptionLimits,
      sortedRoles: [...roles].sort(),
      sortedSubscriptions: [...subscriptionLimits]
        .map(([service, limit]) => ({ service, tier: limit.tier, status: limit.status }))
        .sort((a, b) => (a.service < b.service ? -1 : 1)),
      applicationTier: appTier ? limits(appTier) : { tier: row.application_tier, requestsPerMinute: null, requestsPerDay: null },
      issuedAt: row.issued_at,
      expiresAtMs: new Date(row.expires_at).getTime(),
    };
  }
}
