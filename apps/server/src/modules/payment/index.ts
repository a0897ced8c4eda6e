import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { createPaymentRoute } from './routes/create-payment.ts';
import { createRefundRoute } from './routes/create-refund.ts';
import { getPaymentRoute } from './routes/get-payment.ts';
import { getReceiptRoute } from './routes/get-receipt.ts';
import { getStatementRoute } from './routes/get-statement.ts';
import { listPaymentsRoute } from './routes/list-payments.ts';
import { listRefundsRoute } from './routes/list-refunds.ts';
import { listTestCardsRoute } from './routes/list-test-cards.ts';

/** Registers the payment routes (v2 and their v1 mirrors). */
export function paymentModule(app: AtlasApp, deps: ModuleDeps): void {
  createPaymentRoute(app, deps);
  listPaymentsRoute(app, deps);
  getPaymentRoute(app, deps);
  createRefundRoute(app, deps);
  listRefundsRoute(app, deps);
  getReceiptRoute(app, deps);
  getStatementRoute(app, deps);
  listTestCardsRoute(app);
}
