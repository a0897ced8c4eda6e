import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { Result, ResultHistory, ResultIdParam } from '../results.schemas.ts';
import { getResult, getResultHistory } from '../results.service.ts';
import { callerOf, errorResponses, gatewayOf, pathOf, RESULT_NOT_FOUND, SERVICE, TAGS } from './route-support.ts';

export function getResultRoutes(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/results/:result_id`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getResult${api.operationSuffix}`,
        summary: 'Get a score report',
        description: 'Overall raw/scaled/percent score, PASS/FAIL/NA, categories, attempt, test version and state of one result.',
        tags: TAGS,
        params: paramsFor(api, ResultIdParam),
        response: { 200: Result, ...errorResponses(api.version, { 404: RESULT_NOT_FOUND }) },
      },
      handler: async (request) => getResult(deps.ctx, callerOf(request), pathOf(request).result_id),
    });
    app.get(`${api.prefix}/results/:result_id/history`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getResultHistory${api.operationSuffix}`,
        summary: "A result's revisions and changes",
        description: 'Every revision of the score report (the first and each amendment, with its reason and diff) and every state change.',
        tags: TAGS,
        params: paramsFor(api, ResultIdParam),
        response: { 200: ResultHistory, ...errorResponses(api.version, { 404: RESULT_NOT_FOUND }) },
      },
      handler: async (request) => getResultHistory(deps.ctx, callerOf(request), pathOf(request).result_id),
    });
  }
}
