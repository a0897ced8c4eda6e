import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import { sendIdempotent } from '../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { Batch, CreateBatchBody } from '../vouchers.schemas.ts';
import { createBatch } from '../vouchers.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, SERVICE, TAGS } from './route-support.ts';

export function createBatchRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/batches`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `createVoucherBatch${api.operationSuffix}`,
        summary: 'Issue a batch of voucher codes',
        description:
          "Issues `count` codes (1–10,000) in the token's environment for the listed tests, with one discount (percent, fixed amount or full), " +
          'an expiry and a use limit per code (default 1). Codes are 16 random characters (80 bits) in four groups, after the optional prefix. ' +
          'Read them with the codes list or the CSV export. Supports `Idempotency-Key`.',
        tags: TAGS,
        params: paramsFor(api),
        headers: IdempotencyHeaders,
        body: CreateBatchBody,
        response: {
          201: { ...Batch, description: 'The batch as issued (all its codes `issued`).' },
          ...errorResponses(api.version, {
            400:
              'Invalid fields (every one listed in `errors`), VOUCHER_UNKNOWN_TEST (a `test_codes` entry is not a test of yours in this ' +
              'environment) or VOUCHER_CURRENCY_MISMATCH (an amount discount in another currency than a covered test).',
            404: 'v1: the account_code is not yours.',
            422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        const result = await createBatch(deps.ctx, callerOf(request), request.body, key);
        return sendIdempotent(reply, result, `${request.url.split('?')[0]}/${result.body.batch_id}`);
      },
    });
  }
}
