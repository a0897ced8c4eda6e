import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { transitionByCode } from '../voucher-lifecycle.service.ts';
import { CodeParam, ReserveBody, Voucher } from '../vouchers.schemas.ts';
import { CODE_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, REFUSED, SERVICE, TAGS } from './route-support.ts';

export function reserveVoucherRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/vouchers/:code/reserve`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `reserveVoucher${api.operationSuffix}`,
        summary: 'Reserve a code for an eligibility or booking',
        description:
          'Holds the code for `reserved_for` (for `test_code`, which the code must apply to) so nobody else can use it. Reserving ' +
          'again for the same holder changes nothing. Release with restore; the holder redeems it by naming itself in `reserved_for`.',
        tags: TAGS,
        params: paramsFor(api, CodeParam),
        body: ReserveBody,
        response: {
          200: { ...Voucher, description: 'The code, now reserved.' },
          ...errorResponses(api.version, {
            404: CODE_NOT_FOUND,
            409: REFUSED,
            422: 'VOUCHER_NOT_APPLICABLE: the code does not apply to test_code.',
          }),
        },
      },
      handler: async (request) =>
        transitionByCode(deps.ctx, callerOf(request), pathOf(request).code, 'reserve', {
          testCode: request.body.test_code,
          target: request.body.reserved_for,
        }),
    });
  }
}
