import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { Session, SessionIdParam } from '../proctoring.schemas.ts';
import { getSession } from '../proctoring.service.ts';
import { callerOf, errorResponses, gatewayOf, pathOf, SERVICE, SESSION_NOT_FOUND, TAGS } from './route-support.ts';

export function getSessionRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/sessions/:session_id`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getProctoringSession${api.operationSuffix}`,
        summary: 'Get a proctoring session',
        description: 'State, check-in, extra time, incidents summary and review decision of one session.',
        tags: TAGS,
        params: paramsFor(api, SessionIdParam),
        response: { 200: Session, ...errorResponses(api.version, { 404: SESSION_NOT_FOUND }) },
      },
      handler: async (request) => getSession(deps.ctx, callerOf(request), pathOf(request).session_id),
    });
  }
}
