import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { ReviewBody, Session, SessionIdParam } from '../proctoring.schemas.ts';
import { decideReview } from '../session-events.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, pathOf, SERVICE, SESSION_NOT_FOUND, sendIdempotent, TAGS } from './route-support.ts';

export function decideReviewRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/sessions/:session_id/review`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `decideProctoringReview${api.operationSuffix}`,
        summary: 'Record the review decision',
        description:
          'verified or rejected, with notes, once the sitting ended (the session passes through under_review). Sends Proctoring Results ' +
          '(full outcome) and Proctoring Results Notification (thin); a verified session frees results that waited for it. A decided ' +
          'session may be changed to the other decision (sent as proctoring_result.changed). Supports `Idempotency-Key`.',
        tags: TAGS,
        params: paramsFor(api, SessionIdParam),
        headers: IdempotencyHeaders,
        body: ReviewBody,
        response: {
          200: { ...Session, description: 'The session after the decision.' },
          ...errorResponses(api.version, {
            404: SESSION_NOT_FOUND,
            409: 'PROCTORING_REVIEW_NOT_ALLOWED: the sitting has not ended, or the session already has this decision.',
            422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        return sendIdempotent(reply, await decideReview(deps.ctx, callerOf(request), pathOf(request).session_id, request.body, key));
      },
    });
  }
}
