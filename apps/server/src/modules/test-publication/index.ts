import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { createTestRoute } from './routes/create-test.ts';
import { getTestRoute } from './routes/get-test.ts';
import { getTestVersionRoute } from './routes/get-test-version.ts';
import { listTestVersionsRoute } from './routes/list-test-versions.ts';
import { listTestsRoute } from './routes/list-tests.ts';
import { publishTestRoute } from './routes/publish-test.ts';
import { replaceTestRoute } from './routes/replace-test.ts';
import { retireTestRoute } from './routes/retire-test.ts';

/** Registers the test-publication routes (v2 and its v1 mirror from the same definitions). */
export function testPublicationModule(app: AtlasApp, deps: ModuleDeps): void {
  createTestRoute(app, deps);
  listTestsRoute(app, deps);
  getTestRoute(app, deps);
  replaceTestRoute(app, deps);
  publishTestRoute(app, deps);
  retireTestRoute(app, deps);
  listTestVersionsRoute(app, deps);
  getTestVersionRoute(app, deps);
}
