import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { getTestCenterRoute } from './routes/get-test-center.ts';
import { listTestCenterClosuresRoute } from './routes/list-test-center-closures.ts';
import { searchTestCentersRoute } from './routes/search-test-centers.ts';

/** Registers the test-centers routes (v2 and their v1 mirrors). Coordinators manage centres with the admin CLI. */
export function testCentersModule(app: AtlasApp, deps: ModuleDeps): void {
  searchTestCentersRoute(app, deps);
  getTestCenterRoute(app, deps);
  listTestCenterClosuresRoute(app, deps);
}
