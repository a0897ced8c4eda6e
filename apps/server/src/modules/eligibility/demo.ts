import type { Environment } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listTests } from '../test-publication/test-publication.repository.ts';
import { addDays, todayUtc } from './eligibility.policy.ts';
import { createEligibility } from './eligibility.service.ts';
import { cancelEligibility } from './eligibility-lifecycle.service.ts';

const ACTOR = 'system:demo-seed';

const PEOPLE = [
  { first_name: 'Ada', last_name: 'Lovelace', email: 'ada.lovelace@example.org', city: 'New York', province_state: 'NY', postal_code: '10001', country: 'US' },
  { first_name: 'Grace', last_name: 'Hopper', email: 'grace.hopper@example.org', city: 'Arlington', province_state: 'VA', postal_code: '22201', country: 'US' },
  { first_name: 'Alan', last_name: 'Turing', email: 'alan.turing@example.org', city: 'Manchester', province_state: null, postal_code: 'M1 1AE', country: 'GB' },
  {
    first_name: 'Katherine',
    last_name: 'Johnson',
    email: 'k.johnson@example.org',
    city: 'Toronto',
    province_state: 'ON',
    postal_code: 'M5H 2N2',
    country: 'CA',
  },
  { first_name: 'Edsger', last_name: 'Dijkstra', email: 'e.dijkstra@example.org', city: 'Austin', province_state: 'TX', postal_code: '78701', country: 'US' },
] as const;

/**
 * Seeds the demo partner's eligibilities in both environments: candidates for the account's published tests, one
 * window opening next month (pending), and one cancelled, so every status filter of E3 has something to show.
 * Seeds nothing when the account has no published test.
 */
export async function seedDemoEligibility(ctx: ServiceContext, demo: { accountId: string; accountCode: string }): Promise<void> {
  for (const environment of ['sandbox', 'production'] as Environment[]) {
    const scope = { accountId: demo.accountId, environment, actor: ACTOR };
    const tests = await listTests(ctx.db, scope, { state: 'published', limit: 3 });
    if (tests.length === 0) continue;
    const today = todayUtc(ctx.clock.now());
    const prefix = environment === 'sandbox' ? 'SBX' : 'PRD';
    for (const [i, person] of PEOPLE.entries()) {
      const test = tests[i % tests.length];
      if (!test) continue;
      const starts = i === 3 ? addDays(today, 30) : today;
      const created = await ctx.db.transaction().execute((trx) =>
        createEligibility(trx, ctx, scope, {
          candidate: { candidate_id: `${prefix}-C${1001 + i}`, ...person },
          test_code: test.test_code,
          client_eligibility_id: `${prefix}-ELIG-${2026}${String(i + 1).padStart(4, '0')}`,
          schedule_start_date: starts,
          eligibility_end_date: addDays(starts, 180),
          registration_mode: 'API',
        }),
      );
      if (i === 4) await cancelEligibility(ctx, scope, created.record.code, 'candidate withdrew (demo)');
    }
  }
}
