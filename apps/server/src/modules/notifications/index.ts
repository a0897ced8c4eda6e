import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { createEndpointRoute } from './routes/create-endpoint.ts';
import { deleteEndpointRoute } from './routes/delete-endpoint.ts';
import { getDeliveryRoute } from './routes/get-delivery.ts';
import { getEndpointRoute } from './routes/get-endpoint.ts';
import { getResendJobRoute } from './routes/get-resend-job.ts';
import { listDeliveriesRoute } from './routes/list-deliveries.ts';
import { listEndpointsRoute } from './routes/list-endpoints.ts';
import { resendDeliveryRoute } from './routes/resend-delivery.ts';
import { resendFailedDeliveriesRoute } from './routes/resend-failed-deliveries.ts';
import { rotateEndpointSecretRoute } from './routes/rotate-endpoint-secret.ts';
import { endpointDepsOf } from './routes/route-support.ts';
import { sendTestEventRoute } from './routes/send-test-event.ts';
import { updateEndpointRoute } from './routes/update-endpoint.ts';

/** Registers the notifications routes (`/notifications/v2/…`): endpoints, their test event, deliveries (the error queue) and resends. */
export function notificationsModule(app: AtlasApp, deps: ModuleDeps): void {
  const endpoints = endpointDepsOf(deps);
  createEndpointRoute(app, deps.ctx, endpoints);
  listEndpointsRoute(app, deps.ctx, endpoints);
  getEndpointRoute(app, deps.ctx, endpoints);
  updateEndpointRoute(app, deps.ctx, endpoints);
  rotateEndpointSecretRoute(app, deps.ctx, endpoints);
  deleteEndpointRoute(app, deps.ctx);
  sendTestEventRoute(app, deps.ctx);
  listDeliveriesRoute(app, deps.ctx);
  getDeliveryRoute(app, deps.ctx);
  resendDeliveryRoute(app, deps.ctx);
  resendFailedDeliveriesRoute(app, deps.ctx);
  getResendJobRoute(app, deps.ctx);
}
