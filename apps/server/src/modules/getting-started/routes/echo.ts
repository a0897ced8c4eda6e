import type { AtlasApp } from '../../../platform/app-types.ts';
import { EchoRequest, EchoResponse } from '../getting-started.schemas.ts';

export function echoRoute(app: AtlasApp): void {
  app.post('/getting-started/v2/echo', {
    config: { gateway: { service: 'getting-started', version: 'v2' } },
    bodyLimit: 64 * 1024,
    schema: {
      operationId: 'echo',
      summary: 'Echo a JSON object',
      description: 'Returns the JSON object you sent: checks that bodies, encodings and your client library survive the trip.',
      tags: ['getting-started'],
      body: EchoRequest,
      response: { 200: EchoResponse },
    },
    handler: async (request) => ({ received: request.body, request_id: String(request.id) }),
  });
}
