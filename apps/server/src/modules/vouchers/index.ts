import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { createBatchRoute } from './routes/create-batch.ts';
import { exportBatchCodesRoute } from './routes/export-batch-codes.ts';
import { getBatchRoute } from './routes/get-batch.ts';
import { getVoucherRoute } from './routes/get-voucher.ts';
import { listBatchCodesRoute } from './routes/list-batch-codes.ts';
import { listBatchesRoute } from './routes/list-batches.ts';
import { reserveVoucherRoute } from './routes/reserve-voucher.ts';
import { validateVoucherRoute } from './routes/validate-voucher.ts';
import { voidBatchRoute } from './routes/void-batch.ts';
import { voucherTransitionRoutes } from './routes/voucher-transitions.ts';

/** Registers the vouchers routes (v2 and their v1 mirrors). */
export function vouchersModule(app: AtlasApp, deps: ModuleDeps): void {
  createBatchRoute(app, deps);
  listBatchesRoute(app, deps);
  getBatchRoute(app, deps);
  listBatchCodesRoute(app, deps);
  exportBatchCodesRoute(app, deps);
  voidBatchRoute(app, deps);
  getVoucherRoute(app, deps);
  validateVoucherRoute(app, deps);
  reserveVoucherRoute(app, deps);
  voucherTransitionRoutes(app, deps);
}
