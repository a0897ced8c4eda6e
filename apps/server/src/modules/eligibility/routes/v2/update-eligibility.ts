import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { EligibilityPatch, EligibilityWrite } from '../../eligibility.schemas.ts';
import { updateEligibility } from '../../eligibility.service.ts';
import { CodeParams, EligibilityView } from '../../eligibility.v2.schemas.ts';
import { eligibilityView } from '../../eligibility.views.ts';
import { problem, TAGS, V2_CONFIG } from '../route-helpers.ts';

const RULES =
  'Demographics, schedule_start_date and eligibility_end_date may change; the test, accommodations, portions, candidate_id and client_eligibility_id may not (400 ELIGIBILITY_FIELD_IMMUTABLE: cancel and create anew).';

export function updateEligibilityRoutes(app: AtlasApp, deps: ModuleDeps): void {
  const responses = {
    200: EligibilityView,
    404: problem('ELIGIBILITY_NOT_FOUND'),
    409: problem('ELIGIBILITY_NOT_ACTIVE or ELIGIBILITY_CHANGED_CONCURRENTLY'),
  };
  app.put('/eligibility/v2/eligibilities/:eligibility_code', {
    config: V2_CONFIG,
    schema: {
      operationId: 'replaceEligibility',
      summary: 'Replace an eligibility',
      description: `Full Eligibility Model body (as v1 E8): absent optional demographics are cleared. ${RULES}`,
      tags: TAGS,
      params: CodeParams,
      body: EligibilityWrite,
      response: responses,
    },
    handler: async (request) => {
      const updated = await updateEligibility(deps.ctx, callerOf(request), request.params.eligibility_code, { mode: 'replace', body: request.body });
      return eligibilityView(updated.record, updated.voucherCodes, updated.today);
    },
  });
  app.patch('/eligibility/v2/eligibilities/:eligibility_code', {
    config: V2_CONFIG,
    schema: {
      operationId: 'updateEligibility',
      summary: 'Update an eligibility',
      description: `Changes only the fields given. ${RULES}`,
      tags: TAGS,
      params: CodeParams,
      body: EligibilityPatch,
      response: responses,
    },
    handler: async (request) => {
      const updated = await updateEligibility(deps.ctx, callerOf(request), request.params.eligibility_code, { mode: 'merge', body: request.body });
      return eligibilityView(updated.record, updated.voucherCodes, updated.today);
    },
  });
}
