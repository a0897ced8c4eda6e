import { Type } from 'typebox';
import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { BatchIdParam } from '../vouchers.schemas.ts';
import { exportCodesCsv } from '../vouchers.service.ts';
import { BATCH_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, SERVICE, TAGS } from './route-support.ts';

const Csv = {
  description: 'CSV (RFC 4180, CRLF line ends) with a header row.',
  content: {
    'text/csv': {
      schema: Type.String({
        examples: [
          'code,state,uses,max_uses,expires_at,reserved_for_type,reserved_for_id\r\nSPRING-7KQ4-M2XD-9TPR-H3CW,issued,0,1,2026-12-31T23:59:59.000Z,,\r\n',
        ],
      }),
    },
  },
};

export function exportBatchCodesRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/batches/:batch_id/codes.csv`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `exportVoucherBatchCodes${api.operationSuffix}`,
        summary: 'Export the codes of a batch as CSV',
        description:
          'Every code of the batch (up to 10,000) with its state, uses, expiry and reservation, to hand the codes out. ' +
          'Codes are bearer instruments: each export is recorded in your audit log.',
        tags: TAGS,
        params: paramsFor(api, BatchIdParam),
        response: { 200: Csv, ...errorResponses(api.version, { 404: BATCH_NOT_FOUND }) },
      },
      handler: async (request, reply) => {
        const { filename, csv } = await exportCodesCsv(deps.ctx, callerOf(request), pathOf(request).batch_id);
        reply.header('Content-Disposition', `attachment; filename="${filename}"`).header('Cache-Control', 'no-store');
        return reply.type('text/csv; charset=utf-8').send(csv);
      },
    });
  }
}
