import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { MonthParam, Statement } from '../payment.schemas.ts';
import { monthlyStatement } from '../payment-documents.service.ts';
import { callerOf, errorResponses, gatewayOf, pathOf, SERVICE, TAGS, V1_ACCOUNT } from './route-support.ts';

export function getStatementRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/statements/:month`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getStatement${api.operationSuffix}`,
        summary: 'Get the monthly invoice statement',
        description:
          "The account's invoice statement for a UTC month (YYYY-MM) in the token's environment: a line per invoice charge and per refund " +
          '(credit) settled that month, and totals per currency (charges, credits, balance). Card payments are settled at once and are not on it.',
        tags: TAGS,
        params: paramsFor(api, MonthParam),
        response: { 200: Statement, ...errorResponses(api.version, { 400: 'PAYMENT_STATEMENT_MONTH_INVALID: not YYYY-MM.', 404: V1_ACCOUNT }) },
      },
      handler: async (request) => monthlyStatement(deps.ctx, callerOf(request), pathOf(request).month),
    });
  }
}
