import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { echoRoute } from './routes/echo.ts';
import { getUsageRoute } from './routes/get-usage.ts';
import { pingRoute } from './routes/ping.ts';
import { whoAmIRoute } from './routes/who-am-i.ts';

export function gettingStartedModule(app: AtlasApp, deps: ModuleDeps): void {
  pingRoute(app, deps);
  echoRoute(app);
  whoAmIRoute(app, deps);
  getUsageRoute(app, deps);
}
