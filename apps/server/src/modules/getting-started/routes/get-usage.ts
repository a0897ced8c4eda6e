import { requirePrincipal } from '../../../gateway/require-principal.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { UsageQuery, UsageSummary } from '../getting-started.schemas.ts';
import { summarizeCallerUsage } from '../getting-started.service.ts';

export function getUsageRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/getting-started/v2/usage', {
    config: { gateway: { service: 'getting-started', version: 'v2' } },
    schema: {
      operationId: 'getUsage',
      summary: 'Your recent calls',
      description: "Counts of this application's calls in the token's environment, per service, operation and status.",
      tags: ['getting-started'],
      querystring: UsageQuery,
      response: { 200: UsageSummary },
    },
    handler: async (request) => summarizeCallerUsage(deps.ctx, requirePrincipal(request), request.query.hours),
  });
}
