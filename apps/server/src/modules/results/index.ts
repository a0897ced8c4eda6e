import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { getResultRoutes } from './routes/get-result.ts';
import { listResultsRoute } from './routes/list-results.ts';
import { resultActionRoutes } from './routes/result-actions.ts';
import { putAccountResultsRoute } from './routes/v1/put-account-results.ts';
import { putBookingResultsRoute } from './routes/v1/put-booking-results.ts';
import { putEligibilityResultsRoute } from './routes/v1/put-eligibility-results.ts';

/** Registers the results routes: PSI's inbound R1–R3 (v1, fixed paths), and the score reports (v2 and their v1 mirrors). */
export function resultsModule(app: AtlasApp, deps: ModuleDeps): void {
  putBookingResultsRoute(app, deps);
  putEligibilityResultsRoute(app, deps);
  putAccountResultsRoute(app, deps);
  listResultsRoute(app, deps);
  getResultRoutes(app, deps);
  resultActionRoutes(app, deps);
}
