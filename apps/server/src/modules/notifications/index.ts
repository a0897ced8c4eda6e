import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { createEndpointRoute } from './routes/create-endpoint.ts';
import { deleteEndpointRoute } from './routes/delete-endpoint.ts';
import { getEndpointRoute } from './routes/get-endpoint.ts';
import { listEndpointsRoute } from './routes/list-endpoints.ts';
import { rotateEndpointSecretRoute } from './routes/rotate-endpoint-secret.ts';
import { endpointDepsOf } from './routes/route-support.ts';
import { updateEndpointRoute } from './routes/update-endpoint.ts';

/** Registers the notifications routes (`/notifications/v2/…`): endpoints now; deliveries and resend come with the dispatcher. */
export function notificationsModule(app: AtlasApp, deps: ModuleDeps): void {
  const endpoints = endpointDepsOf(deps);
  createEndpointRoute(app, deps.ctx, endpoints);
  listEndpointsRoute(app, deps.ctx, endpoints);
  getEndpointRoute(app, deps.ctx, endpoints);
  updateEndpointRoute(app, deps.ctx, endpoints);
  rotateEndpointSecretRoute(app, deps.ctx, endpoints);
  deleteEndpointRoute(app, deps.ctx);
}
