import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { Ping } from '../getting-started.schemas.ts';

export function pingRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/getting-started/v2/ping', {
    config: { gateway: { service: 'getting-started', version: 'v2' } },
    schema: {
      operationId: 'ping',
      summary: 'Check connectivity and your token',
      description: 'Answers 200 when the token is valid and the caller IP is allowed. Needs no role.',
      tags: ['getting-started'],
      response: { 200: Ping },
    },
    handler: async (request) => ({
      status: 'ok' as const,
      service: 'getting-started' as const,
      time: deps.ctx.clock.now().toISOString(),
      request_id: String(request.id),
    }),
  });
}
