import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { validateVoucher } from '../voucher-lifecycle.service.ts';
import { CodeParam, ValidateBody, Validation } from '../vouchers.schemas.ts';
import { CODE_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, SERVICE, TAGS } from './route-support.ts';

export function validateVoucherRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/vouchers/:code/validate`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `validateVoucher${api.operationSuffix}`,
        summary: 'Check a code for a test without reserving it',
        description:
          'Answers 200 whether or not the code is usable: `valid`, and when not, the `reason` code. When valid, `price` shows the ' +
          "test's price, the discount and what is left to pay. Changes nothing; a code reserved for someone else is not valid.",
        tags: TAGS,
        params: paramsFor(api, CodeParam),
        body: ValidateBody,
        response: { 200: Validation, ...errorResponses(api.version, { 404: CODE_NOT_FOUND }) },
      },
      handler: async (request) => validateVoucher(deps.ctx, callerOf(request), pathOf(request).code, request.body.test_code),
    });
  }
}
