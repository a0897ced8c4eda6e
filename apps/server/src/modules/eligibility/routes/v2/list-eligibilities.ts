import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { decodeCursor, pageOf } from '../../../../platform/paging.ts';
import { EligibilityPage, ListQuery } from '../../eligibility.v2.schemas.ts';
import { eligibilityView } from '../../eligibility.views.ts';
import { listEligibilityPage } from '../../eligibility-lifecycle.service.ts';
import { TAGS, V2_CONFIG } from '../route-helpers.ts';

export function listEligibilitiesRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/eligibility/v2/eligibilities', {
    config: V2_CONFIG,
    schema: {
      operationId: 'listEligibilities',
      summary: 'List eligibilities',
      description: 'Eligibilities of your account in the token’s environment, oldest first, filtered by candidate_id, test_code and state; cursor paging.',
      tags: TAGS,
      querystring: ListQuery,
      response: { 200: EligibilityPage },
    },
    handler: async (request) => {
      const { candidate_id, test_code, state, page_size = 50, cursor } = request.query;
      const after = decodeCursor(cursor, 2) as [string, string] | undefined;
      const filter = { candidateId: candidate_id, testCode: test_code, states: state ? [state] : undefined, after };
      const { records, vouchers, today } = await listEligibilityPage(deps.ctx, callerOf(request), filter, page_size);
      return pageOf(
        records,
        page_size,
        (r) => [r.created_at, r.code],
        (r) => eligibilityView(r, vouchers.get(r.code) ?? [], today),
      );
    },
  });
}
