import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import type { SimulationPath } from '../proctoring.policy.ts';
import { Session, SessionIdParam, SimulateBody } from '../proctoring.schemas.ts';
import { simulateSession } from '../session-events.service.ts';
import { callerOf, errorResponses, gatewayOf, pathOf, SERVICE, SESSION_NOT_FOUND, TAGS } from './route-support.ts';

export function simulateSessionRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/sessions/:session_id/simulate`, {
      config: gatewayOf(api.version, ['sandbox']),
      schema: {
        operationId: `simulateProctoringSession${api.operationSuffix}`,
        summary: 'Sandbox: walk a session along a path',
        description:
          'Sandbox only. Posts the events of a path (`completed`, `with_incident`, `terminated`, `timed_out`, `check_in_failed`) from where ' +
          'the session is, then the review decision (`verified` by default, `none` to leave it ended) — every booking change and outbound ' +
          'event happens as with real events.',
        tags: TAGS,
        params: paramsFor(api, SessionIdParam),
        body: SimulateBody,
        response: {
          200: { ...Session, description: 'The session at the end of the path.' },
          ...errorResponses(api.version, { 404: SESSION_NOT_FOUND, 409: 'PROCTORING_REVIEW_NOT_ALLOWED or PROCTORING_EVENT_NOT_ALLOWED.' }),
        },
      },
      handler: async (request) => {
        const body = request.body as { path: SimulationPath; review?: 'verified' | 'rejected' | 'none'; notes?: string };
        return simulateSession(deps.ctx, callerOf(request), pathOf(request).session_id, body);
      },
    });
  }
}
