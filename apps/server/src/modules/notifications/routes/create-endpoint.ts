import { sendIdempotent } from '../../../gateway/route-support.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { CreateEndpointBody, EndpointWithSecret } from '../endpoints.schemas.ts';
import { createEndpoint, type EndpointDeps } from '../endpoints.service.ts';
import { endpointCallerOf, errorResponses, GATEWAY, IdempotencyHeaders, PREFIX, ROLE_MISSING, TAGS } from './route-support.ts';

export function createEndpointRoute(app: AtlasApp, ctx: ServiceContext, deps: EndpointDeps): void {
  app.post(`${PREFIX}/endpoints`, {
    config: GATEWAY,
    schema: {
      operationId: 'createNotificationEndpoint',
      summary: 'Register a notification endpoint',
      description:
        "Registers a receiver for one outbound service in the token's environment: URL, optional credentials (HTTP Basic or bearer, stored " +
        'encrypted), event filter and payload format. The answer carries the signing secret (`whsec_…`) once: every call is signed with ' +
        'it (Standard Webhooks). In production the URL must be https on a public address. Supports `Idempotency-Key`.',
      tags: TAGS,
      headers: IdempotencyHeaders,
      body: CreateEndpointBody,
      response: {
        201: { ...EndpointWithSecret, description: 'The endpoint, enabled, with its signing secret (shown only now).' },
        ...errorResponses('v2', {
          400:
            'Invalid fields (every one listed in `errors`: an event type the service does not send, psi-v1 for another service than ' +
            'booking-notification) or NOTIFICATIONS_URL_NOT_ALLOWED (not https in production, or an internal address; `detail` says which).',
          403: ROLE_MISSING,
          422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
        }),
      },
    },
    handler: async (request, reply) => {
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      const result = await createEndpoint(ctx, deps, endpointCallerOf(request), request.body, key);
      return sendIdempotent(reply, result, `${PREFIX}/endpoints/${result.body.endpoint_id}`);
    },
  });
}
