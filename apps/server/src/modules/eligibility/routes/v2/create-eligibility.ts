import { callerOf, sendIdempotent } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { parseIdempotencyKey, runIdempotent } from '../../../../platform/idempotency/idempotency.ts';
import { EligibilityWrite } from '../../eligibility.schemas.ts';
import { createEligibility } from '../../eligibility.service.ts';
import { EligibilityView } from '../../eligibility.v2.schemas.ts';
import { eligibilityView } from '../../eligibility.views.ts';
import { problem, TAGS, V2_CONFIG } from '../route-helpers.ts';

export function createEligibilityRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.post('/eligibility/v2/eligibilities', {
    config: V2_CONFIG,
    schema: {
      operationId: 'createEligibility',
      summary: 'Create an eligibility',
      description:
        'Authorises a candidate to take a published test (PSI Eligibility Model body). Creates the candidate when new, reserves `voucher_codes`. At most one active eligibility per candidate and test. Send an `Idempotency-Key` header to retry safely: the same key and body replay the first answer (header `Idempotent-Replayed: true`).',
      tags: TAGS,
      body: EligibilityWrite,
      response: {
        201: EligibilityView,
        409: problem('ELIGIBILITY_ALREADY_ACTIVE: the candidate already has an active eligibility for the test.'),
        422: problem('ELIGIBILITY_TEST_NOT_FOUND / ELIGIBILITY_TEST_NOT_PUBLISHED, IDEMPOTENCY_KEY_REUSED, or a voucher that cannot be reserved.'),
      },
    },
    handler: async (request, reply) => {
      const scope = callerOf(request);
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      const result = await runIdempotent(
        deps.ctx,
        { accountId: scope.accountId, environment: scope.environment, operation: 'createEligibility', key, request: request.body },
        async (trx) => {
          const created = await createEligibility(trx, deps.ctx, scope, request.body);
          return { status: 201 as const, body: eligibilityView(created.record, created.voucherCodes, created.today) };
        },
      );
      return sendIdempotent(reply, result);
    },
  });
}
