import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import { absentBodyIsEmpty } from '../../../gateway/route-support.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { listThrottlingTiers } from '../../identity/tier.service.ts';
import { sessionGuard, storePrincipalOf } from '../portal-auth.ts';
import {
  createOwnApplication,
  deleteOwnApplication,
  generateOwnSecret,
  getOwnApplication,
  issueOwnTestToken,
  listOwnApplications,
  subscribeOwn,
  unsubscribeOwn,
  updateOwnApplication,
} from '../store-applications.service.ts';

const AppParams = Type.Object({ applicationId: Type.String({ maxLength: 100 }) });
const KeyParams = Type.Object({
  applicationId: Type.String({ maxLength: 100 }),
  environment: Type.Union([Type.Literal('production'), Type.Literal('sandbox')]),
});
const SubscriptionParams = Type.Object({ applicationId: Type.String({ maxLength: 100 }), service: Type.String({ maxLength: 100 }) });
const NewApplication = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 1000 })) });
const ApplicationChanges = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  password_grant: Type.Optional(Type.Boolean()),
});
const SecretRequest = Type.Object({ overlap_seconds: Type.Integer({ minimum: 0, maximum: 2_592_000, default: 0 }) });
const SubscriptionRequest = Type.Object({ tier: Type.String({ minLength: 1, maxLength: 100 }) });

/** Applications, their keys and subscriptions, for the signed-in partner's own account only. */
export function storeApplicationRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig): void {
  const guard = sessionGuard(ctx, config, 'store');
  const base = '/store/api/applications';

  app.get(base, { schema: { hide: true }, onRequest: guard }, async (request) => ({ data: await listOwnApplications(ctx, storePrincipalOf(request)) }));
  app.post(base, { schema: { hide: true, body: NewApplication }, onRequest: guard }, async (request, reply) =>
    reply.code(201).send(await createOwnApplication(ctx, storePrincipalOf(request), request.body)),
  );
  app.get(`${base}/:applicationId`, { schema: { hide: true, params: AppParams }, onRequest: guard }, async (request) =>
    getOwnApplication(ctx, storePrincipalOf(request), request.params.applicationId),
  );
  app.patch(`${base}/:applicationId`, { schema: { hide: true, params: AppParams, body: ApplicationChanges }, onRequest: guard }, async (request) =>
    updateOwnApplication(ctx, storePrincipalOf(request), request.params.applicationId, request.body),
  );
  app.delete(`${base}/:applicationId`, { schema: { hide: true, params: AppParams }, onRequest: guard }, async (request, reply) => {
    await deleteOwnApplication(ctx, storePrincipalOf(request), request.params.applicationId);
    return reply.code(204).send();
  });
  app.post(
    `${base}/:applicationId/keys/:environment/secret`,
    { schema: { hide: true, params: KeyParams, body: SecretRequest }, onRequest: guard, preValidation: absentBodyIsEmpty },
    async (request) => {
      const { applicationId, environment } = request.params;
      return generateOwnSecret(ctx, storePrincipalOf(request), applicationId, environment, request.body.overlap_seconds);
    },
  );
  app.post(`${base}/:applicationId/keys/:environment/token`, { schema: { hide: true, params: KeyParams }, onRequest: guard }, async (request) =>
    issueOwnTestToken(ctx, storePrincipalOf(request), request.params.applicationId, request.params.environment),
  );
  app.put(
    `${base}/:applicationId/subscriptions/:service`,
    { schema: { hide: true, params: SubscriptionParams, body: SubscriptionRequest }, onRequest: guard },
    async (request) => subscribeOwn(ctx, storePrincipalOf(request), request.params.applicationId, request.params.service, request.body.tier),
  );
  app.delete(`${base}/:applicationId/subscriptions/:service`, { schema: { hide: true, params: SubscriptionParams }, onRequest: guard }, async (request) =>
    unsubscribeOwn(ctx, storePrincipalOf(request), request.params.applicationId, request.params.service),
  );
  app.get('/store/api/tiers', { schema: { hide: true }, onRequest: guard }, async () => ({
    data: (await listThrottlingTiers(ctx)).map((t) => ({
      name: t.name,
      description: t.description,
      requests_per_minute: t.requests_per_minute,
      requests_per_day: t.requests_per_day,
    })),
  }));
}
