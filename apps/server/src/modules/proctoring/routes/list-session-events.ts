import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { SessionEventList, SessionIdParam } from '../proctoring.schemas.ts';
import { listSessionEvents } from '../proctoring.service.ts';
import { callerOf, errorResponses, gatewayOf, pathOf, SERVICE, SESSION_NOT_FOUND, TAGS } from './route-support.ts';

export function listSessionEventsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/sessions/:session_id/events`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listProctoringSessionEvents${api.operationSuffix}`,
        summary: "List a session's events",
        description: 'Every event of the session in order: check-in steps, start, pauses, incidents (severity, reason code), end and review.',
        tags: TAGS,
        params: paramsFor(api, SessionIdParam),
        response: { 200: SessionEventList, ...errorResponses(api.version, { 404: SESSION_NOT_FOUND }) },
      },
      handler: async (request) => listSessionEvents(deps.ctx, callerOf(request), pathOf(request).session_id),
    });
  }
}
