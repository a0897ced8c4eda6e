import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CancelBody, CodeParams, EligibilityView } from '../../eligibility.v2.schemas.ts';
import { eligibilityView } from '../../eligibility.views.ts';
import { cancelEligibility } from '../../eligibility-lifecycle.service.ts';
import { problem, TAGS, V2_CONFIG } from '../route-helpers.ts';

export function cancelEligibilityRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.post('/eligibility/v2/eligibilities/:eligibility_code/cancel', {
    config: V2_CONFIG,
    schema: {
      operationId: 'cancelEligibility',
      summary: 'Cancel an eligibility',
      description: 'Moves an active eligibility to `cancelled` and releases its vouchers. A cancelled eligibility stays readable.',
      tags: TAGS,
      params: CodeParams,
      body: CancelBody,
      response: { 200: EligibilityView, 404: problem('ELIGIBILITY_NOT_FOUND'), 409: problem('ELIGIBILITY_NOT_ACTIVE: already ended.') },
    },
    handler: async (request) => {
      const reason = request.body?.reason ?? 'cancelled_by_partner';
      const cancelled = await cancelEligibility(deps.ctx, callerOf(request), request.params.eligibility_code, reason);
      return eligibilityView(cancelled.record, cancelled.voucherCodes, cancelled.today);
    },
  });
}
