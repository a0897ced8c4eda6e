import { absentBodyIsEmpty } from '../../../gateway/route-support.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { EndpointIdParams, EndpointWithSecret, RotateSecretBody } from '../endpoints.schemas.ts';
import { type EndpointDeps, rotateSigningSecret } from '../endpoints.service.ts';
import { ENDPOINT_NOT_FOUND, endpointCallerOf, errorResponses, GATEWAY, PREFIX, ROLE_MISSING, TAGS } from './route-support.ts';

export function rotateEndpointSecretRoute(app: AtlasApp, ctx: ServiceContext, deps: EndpointDeps): void {
  app.post(`${PREFIX}/endpoints/:endpoint_id/rotate-secret`, {
    config: GATEWAY,
    schema: {
      operationId: 'rotateNotificationEndpointSecret',
      summary: 'Rotate the signing secret of an endpoint',
      description:
        'Issues a new signing secret, shown once in the answer. The previous one keeps signing for `overlap_seconds` (default 24 h): ' +
        'meanwhile every call carries both signatures, so the receiver can switch without losing a call.',
      tags: TAGS,
      params: EndpointIdParams,
      body: RotateSecretBody,
      response: {
        200: { ...EndpointWithSecret, description: 'The endpoint with its new signing secret (shown only now).' },
        ...errorResponses('v2', { 403: ROLE_MISSING, 404: ENDPOINT_NOT_FOUND, 409: 'NOTIFICATIONS_ENDPOINT_CHANGED: retry.' }),
      },
    },
    preValidation: absentBodyIsEmpty,
    handler: async (request) => rotateSigningSecret(ctx, deps, endpointCallerOf(request), request.params.endpoint_id, request.body.overlap_seconds),
  });
}
