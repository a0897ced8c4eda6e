import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { ResendJob, ResendJobIdParams } from '../deliveries.schemas.ts';
import { getResendJob } from '../deliveries.service.ts';
import { deliveryCallerOf, errorResponses, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function getResendJobRoute(app: AtlasApp, ctx: ServiceContext): void {
  app.get(`${PREFIX}/resend-jobs/:job_id`, {
    config: GATEWAY,
    schema: {
      operationId: 'getNotificationResendJob',
      summary: 'Get a bulk resend job and its progress',
      description: '`processed` of `total` failed deliveries put back in the queue; `completed` when done.',
      tags: TAGS,
      params: ResendJobIdParams,
      response: { 200: ResendJob, ...errorResponses('v2', { 404: 'NOTIFICATIONS_RESEND_JOB_NOT_FOUND: no such job in your account and environment.' }) },
    },
    handler: async (request) => getResendJob(ctx, deliveryCallerOf(request), request.params.job_id),
  });
}
