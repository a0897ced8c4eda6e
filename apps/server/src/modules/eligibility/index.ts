import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import type { LaunchDeps } from './eligibility-lifecycle.service.ts';
import { createLaunchUrlSigner, noOnlineBookings } from './online-booking-lookup.ts';
import { cancelCandidateEligibilityRoute } from './routes/v1/cancel-candidate-eligibility.ts';
import { createCandidateEligibilityRoute } from './routes/v1/create-candidate-eligibility.ts';
import { getTestLaunchInfoRoute } from './routes/v1/get-test-launch-info.ts';
import { listCandidateEligibilitiesRoute } from './routes/v1/list-candidate-eligibilities.ts';
import { listCandidateEligibilitiesByStatusRoute } from './routes/v1/list-candidate-eligibilities-by-status.ts';
import { listCandidateTestEligibilitiesRoute } from './routes/v1/list-candidate-test-eligibilities.ts';
import { replaceCandidateVouchersRoute } from './routes/v1/replace-candidate-vouchers.ts';
import { updateCandidateEligibilityRoute } from './routes/v1/update-candidate-eligibility.ts';
import { cancelEligibilityRoute } from './routes/v2/cancel-eligibility.ts';
import { createEligibilityRoute } from './routes/v2/create-eligibility.ts';
import { getEligibilityRoute } from './routes/v2/get-eligibility.ts';
import { getLaunchInfoRoute } from './routes/v2/get-launch-info.ts';
import { listEligibilitiesRoute } from './routes/v2/list-eligibilities.ts';
import { replaceEligibilityVouchersRoute } from './routes/v2/replace-eligibility-vouchers.ts';
import { updateEligibilityRoutes } from './routes/v2/update-eligibility.ts';

/**
 * Registers the eligibility routes: v1 (PSI-compatible E1–E8, fixed paths) and v2. `launch` is the seam for the
 * booking service: it passes its online-booking lookup (and a shared signing secret) here; by default no
 * eligibility has an online booking yet.
 */
export function eligibilityModule(app: AtlasApp, deps: ModuleDeps, launch: Partial<LaunchDeps> = {}): void {
  const launchDeps: LaunchDeps = { bookings: launch.bookings ?? noOnlineBookings, signer: launch.signer ?? createLaunchUrlSigner() };
  createCandidateEligibilityRoute(app, deps);
  cancelCandidateEligibilityRoute(app, deps);
  listCandidateEligibilitiesByStatusRoute(app, deps);
  listCandidateTestEligibilitiesRoute(app, deps);
  listCandidateEligibilitiesRoute(app, deps);
  replaceCandidateVouchersRoute(app, deps);
  getTestLaunchInfoRoute(app, deps, launchDeps);
  updateCandidateEligibilityRoute(app, deps);

  createEligibilityRoute(app, deps);
  listEligibilitiesRoute(app, deps);
  getEligibilityRoute(app, deps);
  updateEligibilityRoutes(app, deps);
  cancelEligibilityRoute(app, deps);
  replaceEligibilityVouchersRoute(app, deps);
  getLaunchInfoRoute(app, deps, launchDeps);
}
