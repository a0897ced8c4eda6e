import { requirePrincipal } from '../../../gateway/require-principal.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { WhoAmI } from '../getting-started.schemas.ts';
import { describeCaller } from '../getting-started.service.ts';

export function whoAmIRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/getting-started/v2/whoami', {
    config: { gateway: { service: 'getting-started', version: 'v2' } },
    schema: {
      operationId: 'whoAmI',
      summary: 'Describe the caller',
      description: 'Account, application, environment, roles, subscriptions, token expiry and your IP as the gateway sees it.',
      tags: ['getting-started'],
      response: { 200: WhoAmI },
    },
    handler: async (request) => describeCaller(deps.ctx, requirePrincipal(request), request.ip),
  });
}
