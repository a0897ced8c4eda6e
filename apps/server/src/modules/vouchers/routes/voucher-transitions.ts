/** redeem, restore, expire and void: the same shape (a code in the path, the code back), one definition each. */
import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { transitionByCode } from '../voucher-lifecycle.service.ts';
import { CodeParam, EmptyBody, RedeemBody, Voucher } from '../vouchers.schemas.ts';
import { absentBodyIsEmpty, CODE_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, REFUSED, SERVICE, TAGS } from './route-support.ts';

const OPERATIONS = [
  {
    action: 'redeem',
    operationId: 'redeemVoucher',
    summary: 'Redeem a code',
    description:
      'Uses the code once (a booking was paid with it). A reserved code can only be redeemed by its holder, named in `reserved_for`. ' +
      'Safe under concurrency: of simultaneous redemptions of a single-use code exactly one succeeds, the others get 409 ' +
      'VOUCHER_ALREADY_REDEEMED.',
    body: RedeemBody,
    extra: { 422: 'VOUCHER_NOT_APPLICABLE: the code does not apply to test_code.' },
  },
  {
    action: 'restore',
    operationId: 'restoreVoucher',
    summary: 'Restore a reserved or redeemed code',
    description:
      'Gives the code back (booking cancelled by the provider or within the free tier): a redeemed code gets its use back, a ' +
      'reserved one loses its reservation. The code becomes `restored` and is usable again until it expires.',
    body: EmptyBody,
    extra: {},
  },
  {
    action: 'expire',
    operationId: 'expireVoucher',
    summary: 'Expire a code now',
    description: 'Ends a usable code before its date (codes past `expires_at` also expire by themselves). Cannot be undone.',
    body: EmptyBody,
    extra: {},
  },
  {
    action: 'void',
    operationId: 'voidVoucher',
    summary: 'Void a code',
    description: 'Cancels a usable code (e.g. leaked or handed out by mistake); a reservation is dropped. Cannot be undone.',
    body: EmptyBody,
    extra: {},
  },
] as const;

export function voucherTransitionRoutes(app: AtlasApp, deps: ModuleDeps): void {
  for (const operation of OPERATIONS) {
    for (const api of apiVersions(SERVICE)) {
      app.post(`${api.prefix}/vouchers/:code/${operation.action}`, {
        config: gatewayOf(api.version),
        schema: {
          operationId: `${operation.operationId}${api.operationSuffix}`,
          summary: operation.summary,
          description: operation.description,
          tags: TAGS,
          params: paramsFor(api, CodeParam),
          body: operation.body,
          response: {
            200: { ...Voucher, description: 'The code after the transition.' },
            ...errorResponses(api.version, { 404: CODE_NOT_FOUND, 409: REFUSED, ...operation.extra }),
          },
        },
        preValidation: absentBodyIsEmpty,
        handler: async (request) => {
          const body = (request.body ?? {}) as { test_code?: string; reserved_for?: { type: 'eligibility' | 'booking'; id: string } };
          return transitionByCode(deps.ctx, callerOf(request), pathOf(request).code, operation.action, {
            testCode: body.test_code,
            target: body.reserved_for,
          });
        },
      });
    }
  }
}
