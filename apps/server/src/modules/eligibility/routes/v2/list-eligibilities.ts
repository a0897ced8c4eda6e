import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { decodeCursor, pageOf } from '../../../../platform/paging.ts';
import { listEligibilityVoucherCodes } from '../../../vouchers/voucher-links.ts';
import { listEligibilityRecords } from '../../eligibility-lifecycle.service.ts';
import { EligibilityPage, ListQuery } from '../../eligibility.v2.schemas.ts';
import { eligibilityView } from '../../eligibility.views.ts';
import { scopeOf, TAGS, V2_CONFIG } from '../route-helpers.ts';

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
      const scope = scopeOf(request);
      const pageSize = request.query.page_size ?? 50;
      const after = decodeCursor(request.query.cursor, 2) as [string, string] | undefined;
      const { records, today } = await listEligibilityRecords(deps.ctx, scope, {
        candidateId: request.query.candidate_id,
        testCode: request.query.test_code,
        states: request.query.state ? [request.query.state as never] : undefined,
        after,
        limit: pageSize + 1,
      });
      const vouchers = new Map<string, string[]>();
      for (const record of records.slice(0, pageSize)) vouchers.set(record.id, await listEligibilityVoucherCodes(deps.ctx.db, scope, record.id));
      return pageOf(
        records,
        pageSize,
        (r) => [r.created_at, r.code],
        (r) => eligibilityView(r, vouchers.get(r.id) ?? [], today),
      );
    },
  });
}
