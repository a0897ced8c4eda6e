import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { cancelClosure, closeCenter, listCentersForCoordinator, showCenterForCoordinator } from '../../test-centers/center-admin.service.ts';
import { adminPrincipalOf, sessionGuard } from '../portal-auth.ts';

const CenterParams = Type.Object({ locationCode: Type.String({ maxLength: 40 }) });
const ClosureParams = Type.Object({ locationCode: Type.String({ maxLength: 40 }), closureId: Type.String({ maxLength: 100 }) });
const Closure = Type.Object({
  from: Type.String({ minLength: 1, maxLength: 40 }),
  to: Type.String({ minLength: 1, maxLength: 40 }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

/** Test centres and their closures, through the same service as `atlas admin test-center …`. */
export function adminCenterRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig): void {
  const guard = sessionGuard(ctx, config, 'admin');
  const base = '/admin/api/test-centers';
  app.get(base, { schema: { hide: true }, onRequest: guard }, async () => ({ data: await listCentersForCoordinator(ctx, {}) }));
  app.get(`${base}/:locationCode`, { schema: { hide: true, params: CenterParams }, onRequest: guard }, async (request) =>
    showCenterForCoordinator(ctx, request.params.locationCode),
  );
  app.post(`${base}/:locationCode/closures`, { schema: { hide: true, params: CenterParams, body: Closure }, onRequest: guard }, async (request, reply) =>
    reply.code(201).send(await closeCenter(ctx, request.params.locationCode, request.body, adminPrincipalOf(request).actor)),
  );
  app.delete(`${base}/:locationCode/closures/:closureId`, { schema: { hide: true, params: ClosureParams }, onRequest: guard }, async (request) =>
    cancelClosure(ctx, request.params.locationCode, request.params.closureId, adminPrincipalOf(request).actor),
  );
}
