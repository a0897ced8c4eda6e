import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { readEligibility } from '../../eligibility.service.ts';
import { CodeParams, EligibilityView } from '../../eligibility.v2.schemas.ts';
import { eligibilityView } from '../../eligibility.views.ts';
import { problem, TAGS, V2_CONFIG } from '../route-helpers.ts';

export function getEligibilityRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/eligibility/v2/eligibilities/:eligibility_code', {
    config: V2_CONFIG,
    schema: {
      operationId: 'getEligibility',
      summary: 'Get an eligibility',
      description: 'The eligibility with its state, whether the candidate can schedule now (and why not), attempts, window and vouchers.',
      tags: TAGS,
      params: CodeParams,
      response: { 200: EligibilityView, 404: problem('ELIGIBILITY_NOT_FOUND') },
    },
    handler: async (request) => {
      const found = await readEligibility(deps.ctx.db, deps.ctx, callerOf(request), request.params.eligibility_code);
      return eligibilityView(found.record, found.voucherCodes, found.today);
    },
  });
}
