import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import { absentBodyIsEmpty } from '../../../gateway/route-support.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { requireAccount } from '../../identity/account.service.ts';
import { deliveryOwner } from '../../notifications/deliveries.repository.ts';
import {
  type DeliveryCaller,
  getDeliveryWithAttempts,
  listDeliveriesPage,
  resendDelivery,
  sendTestEvent,
  servicesOfRoles,
  startBulkResend,
} from '../../notifications/deliveries.service.ts';
import { DeliveryErrors } from '../../notifications/notifications.errors.ts';
import { OUTBOUND_SERVICE_SLUGS } from '../../notifications/notifications.policy.ts';
import { adminPrincipalOf, sessionGuard, storePrincipalOf } from '../portal-auth.ts';

const Environment = Type.Union([Type.Literal('production'), Type.Literal('sandbox')]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]);
const Service = Type.Union(OUTBOUND_SERVICE_SLUGS.map((s) => Type.Literal(s)));
const ListQuery = Type.Object({
  environment: Type.Optional(Environment),
  status: Type.Optional(Status),
  service: Type.Optional(Service),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
const AdminListQuery = Type.Object({ ...ListQuery.properties, account: Type.String({ minLength: 1, maxLength: 20 }) });
const EnvQuery = Type.Object({ environment: Type.Optional(Environment) });
const DeliveryParams = Type.Object({ deliveryId: Type.String({ maxLength: 100 }) });
const EndpointParams = Type.Object({ endpointId: Type.String({ maxLength: 100 }) });
const AccountParams = Type.Object({ accountCode: Type.String({ maxLength: 20 }) });
const BulkBody = Type.Object({ service: Type.Optional(Service) });

/** The partner's deliveries: its account, the chosen environment, the services its roles cover. */
function storeCaller(request: FastifyRequest, environment: 'production' | 'sandbox' | undefined): DeliveryCaller {
  const principal = storePrincipalOf(request);
  return { accountId: principal.accountId, environment: environment ?? 'sandbox', services: servicesOfRoles(new Set(principal.roles)), actor: principal.actor };
}

/** Deliveries, attempts, resends and test events in the API Store: the same services as `/notifications/v2`. */
export function storeDeliveryRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig): void {
  const guard = sessionGuard(ctx, config, 'store');
  const hide = true;
  app.get('/store/api/deliveries', { schema: { hide, querystring: ListQuery }, onRequest: guard }, async (request) => {
    const { environment, ...query } = request.query;
    return listDeliveriesPage(ctx, storeCaller(request, environment), { ...query, page_size: 50 });
  });
  app.get('/store/api/deliveries/:deliveryId', { schema: { hide, params: DeliveryParams, querystring: EnvQuery }, onRequest: guard }, async (request) =>
    getDeliveryWithAttempts(ctx, storeCaller(request, request.query.environment), request.params.deliveryId),
  );
  app.post('/store/api/deliveries/:deliveryId/resend', { schema: { hide, params: DeliveryParams, querystring: EnvQuery }, onRequest: guard }, async (request) =>
    resendDelivery(ctx, storeCaller(request, request.query.environment), request.params.deliveryId),
  );
  app.post(
    '/store/api/deliveries/resend-failed',
    { schema: { hide, querystring: EnvQuery, body: BulkBody }, onRequest: guard, preValidation: absentBodyIsEmpty },
    async (request, reply) => reply.code(202).send(await startBulkResend(ctx, storeCaller(request, request.query.environment), request.body)),
  );
  app.post(
    '/store/api/endpoints/:endpointId/test',
    { schema: { hide, params: EndpointParams, querystring: EnvQuery }, onRequest: guard },
    async (request, reply) => reply.code(202).send(await sendTestEvent(ctx, storeCaller(request, request.query.environment), request.params.endpointId)),
  );
}

/** Every partner's error queue for coordinators (any account, every service), as `atlas admin deliveries …`. */
export function adminDeliveryRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig): void {
  const guard = sessionGuard(ctx, config, 'admin');
  const hide = true;
  const callerFor = async (request: FastifyRequest, accountCode: string, environment: 'production' | 'sandbox' | undefined): Promise<DeliveryCaller> => {
    const account = await requireAccount(ctx.db, accountCode);
    return { accountId: account.id, environment: environment ?? 'production', services: OUTBOUND_SERVICE_SLUGS, actor: adminPrincipalOf(request).actor };
  };
  app.get('/admin/api/deliveries', { schema: { hide, querystring: AdminListQuery }, onRequest: guard }, async (request) => {
    const { account, environment, ...query } = request.query;
    return listDeliveriesPage(ctx, await callerFor(request, account, environment), { ...query, page_size: 100 });
  });
  app.get('/admin/api/deliveries/:deliveryId', { schema: { hide, params: DeliveryParams }, onRequest: guard }, async (request) => {
    const owner = await deliveryOwner(ctx.db, request.params.deliveryId);
    if (!owner) throw new AppError(DeliveryErrors.NOTIFICATIONS_DELIVERY_NOT_FOUND, `no delivery ${request.params.deliveryId}`);
    const caller = { accountId: owner.account_id, environment: owner.environment, services: OUTBOUND_SERVICE_SLUGS };
    return getDeliveryWithAttempts(ctx, caller, request.params.deliveryId);
  });
  app.post('/admin/api/deliveries/:deliveryId/resend', { schema: { hide, params: DeliveryParams }, onRequest: guard }, async (request) => {
    const owner = await deliveryOwner(ctx.db, request.params.deliveryId);
    if (!owner) throw new AppError(DeliveryErrors.NOTIFICATIONS_DELIVERY_NOT_FOUND, `no delivery ${request.params.deliveryId}`);
    const caller = { accountId: owner.account_id, environment: owner.environment, services: OUTBOUND_SERVICE_SLUGS, actor: adminPrincipalOf(request).actor };
    return resendDelivery(ctx, caller, request.params.deliveryId);
  });
  app.post(
    '/admin/api/accounts/:accountCode/deliveries/resend-failed',
    { schema: { hide, params: AccountParams, querystring: EnvQuery, body: BulkBody }, onRequest: guard, preValidation: absentBodyIsEmpty },
    async (request, reply) =>
      reply.code(202).send(await startBulkResend(ctx, await callerFor(request, request.params.accountCode, request.query.environment), request.body)),
  );
}
