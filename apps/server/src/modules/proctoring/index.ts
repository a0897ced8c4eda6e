import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import type { LaunchUrlSigner } from '../eligibility/online-booking-lookup.ts';
import { createLaunchUrlRoute } from './routes/create-launch-url.ts';
import { decideReviewRoute } from './routes/decide-review.ts';
import { getBookingSessionRoute } from './routes/get-booking-session.ts';
import { getSessionRoute } from './routes/get-session.ts';
import { launchSessionRoute } from './routes/launch-session.ts';
import { listSessionEventsRoute } from './routes/list-session-events.ts';
import { listSessionsRoute } from './routes/list-sessions.ts';
import { recordSessionEventRoute } from './routes/record-session-event.ts';
import { simulateSessionRoute } from './routes/simulate-session.ts';

/** Registers the proctoring routes (v2 and their v1 mirrors) and the candidate's launch link. `signer` is shared with eligibility's testLaunchInfo. */
export function proctoringModule(app: AtlasApp, deps: ModuleDeps, signer: LaunchUrlSigner): void {
  listSessionsRoute(app, deps);
  getSessionRoute(app, deps);
  getBookingSessionRoute(app, deps);
  listSessionEventsRoute(app, deps);
  recordSessionEventRoute(app, deps);
  decideReviewRoute(app, deps);
  createLaunchUrlRoute(app, deps, signer);
  simulateSessionRoute(app, deps);
  launchSessionRoute(app, deps, signer);
}
