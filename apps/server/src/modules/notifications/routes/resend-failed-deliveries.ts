import { absentBodyIsEmpty } from '../../../gateway/route-support.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { BulkResendBody, ResendJob } from '../deliveries.schemas.ts';
import { startBulkResend } from '../deliveries.service.ts';
import { deliveryCallerOf, errorResponses, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function resendFailedDeliveriesRoute(app: AtlasApp, ctx: ServiceContext): void {
  app.post(`${PREFIX}/deliveries/resend`, {
    config: GATEWAY,
    schema: {
      operationId: 'resendFailedNotificationDeliveries',
      summary: 'Resend all failed deliveries in a range (background job)',
      description:
        'Queues a job that puts every failed delivery matching the filter back in the queue (to enabled endpoints only). Answers at once ' +
        'with the job; follow its progress with GET /notifications/v2/resend-jobs/{job_id}.',
      tags: TAGS,
      body: BulkResendBody,
      response: { 202: { ...ResendJob, description: 'The job, queued.' }, ...errorResponses('v2', { 400: 'Invalid filter (listed in `errors`).' }) },
    },
    preValidation: absentBodyIsEmpty,
    handler: async (request, reply) => {
      const job = await startBulkResend(ctx, deliveryCallerOf(request), request.body);
      return reply.code(202).header('location', `${PREFIX}/resend-jobs/${job.job_id}`).send(job);
    },
  });
}
