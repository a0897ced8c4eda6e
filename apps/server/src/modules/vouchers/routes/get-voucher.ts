import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { getVoucher } from '../voucher-lifecycle.service.ts';
import { CodeParam, Voucher } from '../vouchers.schemas.ts';
import { CODE_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, SERVICE, TAGS } from './route-support.ts';

export function getVoucherRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/vouchers/:code`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getVoucher${api.operationSuffix}`,
        summary: 'Get a voucher code',
        description: 'State, uses, discount, tests it applies to, expiry and current reservation of one code.',
        tags: TAGS,
        params: paramsFor(api, CodeParam),
        response: { 200: Voucher, ...errorResponses(api.version, { 404: CODE_NOT_FOUND }) },
      },
      handler: async (request) => getVoucher(deps.ctx, callerOf(request), pathOf(request).code),
    });
  }
}
