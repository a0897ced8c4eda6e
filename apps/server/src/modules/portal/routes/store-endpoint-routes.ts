import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import { absentBodyIsEmpty } from '../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { CreateEndpointBody, UpdateEndpointBody } from '../../notifications/endpoints.schemas.ts';
import {
  createEndpoint,
  type EndpointCaller,
  listEndpointsPage,
  removeEndpoint,
  rotateSigningSecret,
  updateEndpointSettings,
} from '../../notifications/endpoints.service.ts';
import { OUTBOUND_SERVICES } from '../../notifications/notifications.policy.ts';
import { endpointDepsOf } from '../../notifications/routes/route-support.ts';
import { sessionGuard, storePrincipalOf } from '../portal-auth.ts';

const Environment = Type.Union([Type.Literal('production'), Type.Literal('sandbox')]);
const EnvQuery = Type.Object({ environment: Type.Optional(Environment) });
const EndpointParams = Type.Object({ endpointId: Type.String({ maxLength: 100 }) });
const RotateBody = Type.Object({ overlap_seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_592_000 })) });

/** The signed-in partner acts on its endpoints with its account's roles, in the environment it picks (sandbox by default). */
function callerOf(request: FastifyRequest, environment: 'production' | 'sandbox' | undefined): EndpointCaller {
  const principal = storePrincipalOf(request);
  return { accountId: principal.accountId, environment: environment ?? 'sandbox', actor: principal.actor, roles: new Set(principal.roles) };
}

/** Notification endpoints in the API Store: the same service as `/notifications/v2/endpoints`. */
export function storeEndpointRoutes(app: AtlasApp, deps: ModuleDeps, config: AtlasConfig): void {
  const { ctx } = deps;
  const endpoints = endpointDepsOf(deps);
  const guard = sessionGuard(ctx, config, 'store');
  const base = '/store/api/endpoints';

  app.get('/store/api/outbound-services', { schema: { hide: true }, onRequest: guard }, async (request) => {
    const roles = storePrincipalOf(request).roles;
    return {
      data: Object.entries(OUTBOUND_SERVICES)
        .filter(([, s]) => roles.includes(s.role))
        .map(([service, s]) => ({ service, role: s.role, events: s.events })),
    };
  });
  app.get(base, { schema: { hide: true, querystring: EnvQuery }, onRequest: guard }, async (request) =>
    listEndpointsPage(ctx, endpoints, callerOf(request, request.query.environment), { page_size: 100 }),
  );
  app.post(base, { schema: { hide: true, querystring: EnvQuery, body: CreateEndpointBody }, onRequest: guard }, async (request, reply) => {
    const result = await createEndpoint(ctx, endpoints, callerOf(request, request.query.environment), request.body, undefined);
    return reply.code(201).send(result.body);
  });
  app.patch(
    `${base}/:endpointId`,
    { schema: { hide: true, querystring: EnvQuery, params: EndpointParams, body: UpdateEndpointBody }, onRequest: guard },
    async (request) => updateEndpointSettings(ctx, endpoints, callerOf(request, request.query.environment), request.params.endpointId, request.body),
  );
  app.post(
    `${base}/:endpointId/rotate-secret`,
    { schema: { hide: true, querystring: EnvQuery, params: EndpointParams, body: RotateBody }, onRequest: guard, preValidation: absentBodyIsEmpty },
    async (request) =>
      rotateSigningSecret(ctx, endpoints, callerOf(request, request.query.environment), request.params.endpointId, request.body.overlap_seconds),
  );
  app.delete(`${base}/:endpointId`, { schema: { hide: true, querystring: EnvQuery, params: EndpointParams }, onRequest: guard }, async (request, reply) => {
    await removeEndpoint(ctx, callerOf(request, request.query.environment), request.params.endpointId);
    return reply.code(204).send();
  });
}
