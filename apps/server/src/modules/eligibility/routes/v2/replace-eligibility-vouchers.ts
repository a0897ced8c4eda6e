import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CodeParams, EligibilityView, VouchersBody } from '../../eligibility.v2.schemas.ts';
import { eligibilityView } from '../../eligibility.views.ts';
import { replaceVouchers } from '../../eligibility-lifecycle.service.ts';
import { problem, TAGS, V2_CONFIG } from '../route-helpers.ts';

export function replaceEligibilityVouchersRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.put('/eligibility/v2/eligibilities/:eligibility_code/vouchers', {
    config: V2_CONFIG,
    schema: {
      operationId: 'replaceEligibilityVouchers',
      summary: "Replace the eligibility's vouchers",
      description: 'Reserves the listed voucher codes for the eligibility and releases the ones no longer listed; `[]` clears the set.',
      tags: TAGS,
      params: CodeParams,
      body: VouchersBody,
      response: {
        200: EligibilityView,
        404: problem('ELIGIBILITY_NOT_FOUND'),
        409: problem('ELIGIBILITY_NOT_ACTIVE, or a voucher already used elsewhere.'),
      },
    },
    handler: async (request) => {
      const updated = await replaceVouchers(deps.ctx, callerOf(request), request.params.eligibility_code, request.body.voucher_codes);
      return eligibilityView(updated.record, updated.voucherCodes, updated.today);
    },
  });
}
