import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { EventBody, Session, SessionIdParam } from '../proctoring.schemas.ts';
import { recordSessionEvent } from '../session-events.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, pathOf, SERVICE, SESSION_NOT_FOUND, sendIdempotent, TAGS } from './route-support.ts';

export function recordSessionEventRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/sessions/:session_id/events`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `recordProctoringEvent${api.operationSuffix}`,
        summary: 'Post an event from the proctoring side',
        description:
          'Moves the session (check-in steps, start, pause/resume with extra time, submit, terminate, time-out) or records an incident. ' +
          'Check-in moves the booking to checked_in, STARTED to in_progress, the end of the sitting completes it. Supports `Idempotency-Key`.',
        tags: TAGS,
        params: paramsFor(api, SessionIdParam),
        headers: IdempotencyHeaders,
        body: EventBody,
        response: {
          200: { ...Session, description: 'The session after the event.' },
          ...errorResponses(api.version, {
            400: 'Invalid fields, or PROCTORING_EVENT_INVALID (INCIDENT without severity/reason_code, TERMINATED without reason_code).',
            404: SESSION_NOT_FOUND,
            409: 'PROCTORING_EVENT_NOT_ALLOWED (not possible in the current state), PROCTORING_CHECK_IN_INCOMPLETE, PROCTORING_CONFLICT.',
            422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        return sendIdempotent(reply, await recordSessionEvent(deps.ctx, callerOf(request), pathOf(request).session_id, request.body, key));
      },
    });
  }
}
