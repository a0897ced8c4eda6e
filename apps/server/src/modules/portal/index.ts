import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { announceConfigChanges } from './config-announcer.ts';
import { portalPages } from './portal-pages.ts';
import { adminAccountRoutes } from './routes/admin-account-routes.ts';
import { adminCenterRoutes } from './routes/admin-center-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { storeApplicationRoutes } from './routes/store-application-routes.ts';
import { storeCatalogRoutes } from './routes/store-catalog-routes.ts';
import { storeEndpointRoutes } from './routes/store-endpoint-routes.ts';

/**
 * The API Store (`/store`) and the admin console (`/admin`): the React app's pages, and their JSON APIs under
 * `/store/api` and `/admin/api`. These APIs are not behind the bearer-token gateway but behind a session cookie and
 * CSRF checks (portal-auth.ts); they call the same services as the admin CLI and the public API.
 */
export function portalModule(app: AtlasApp, deps: ModuleDeps, servicesWithRoutes: ReadonlySet<string>): void {
  const { ctx, config } = deps;
  announceConfigChanges(app, deps.revocations);
  sessionRoutes(app, ctx, config, 'store');
  sessionRoutes(app, ctx, config, 'admin');
  storeCatalogRoutes(app, ctx, config, servicesWithRoutes);
  storeApplicationRoutes(app, ctx, config);
  storeEndpointRoutes(app, deps, config);
  adminAccountRoutes(app, ctx, config);
  adminCenterRoutes(app, ctx, config);
  portalPages(app, config);
}
