import type { Environment } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listTests } from '../test-publication/test-publication.repository.ts';
import { transitionByCode } from './voucher-lifecycle.service.ts';
import { listBatchCodes } from './vouchers.repository.ts';
import { createBatch } from './vouchers.service.ts';

const ACTOR = 'system:demo-seed';
const ENVIRONMENTS: Environment[] = ['sandbox', 'production'];

/**
 * Seeds the demo partner's vouchers in both environments, for the published tests the test-publication seed made
 * (none yet: nothing to seed): a full-price scholarship batch and a 20 % spring batch, two codes of which are
 * already redeemed so lists and exports show more than one state.
 */
export async function seedDemoVouchers(ctx: ServiceContext, demo: { accountId: string; accountCode: string }): Promise<void> {
  const expiresAt = new Date(ctx.clock.now().getTime() + 365 * 86_400_000).toISOString();
  for (const environment of ENVIRONMENTS) {
    const scope = { accountId: demo.accountId, environment, actor: ACTOR };
    const tests = await listTests(ctx.db, scope, { state: 'published', limit: 50 });
    if (tests.length === 0) continue;
    const testCodes = tests.map((t) => t.test_code);
    await createBatch(
      ctx,
      scope,
      { name: 'Hardship scholarship (full price)', test_codes: testCodes.slice(0, 2), discount: { kind: 'full' }, expires_at: expiresAt, count: 10 },
      undefined,
    );
    const spring = await createBatch(
      ctx,
      scope,
      {
        name: 'Spring campaign (20 % off)',
        test_codes: testCodes,
        discount: { kind: 'percent', percent: 20 },
        expires_at: expiresAt,
        count: 25,
        code_prefix: 'SPRING',
      },
      undefined,
    );
    const codes = await listBatchCodes(ctx.db, spring.body.batch_id, { limit: 2 });
    for (const code of codes) await transitionByCode(ctx, scope, code.code, 'redeem');
  }
}
