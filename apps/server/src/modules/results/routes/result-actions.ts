/** release, hold, amend and invalidate: the same shape (a result id in the path, the result back), one definition each. */
import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import type { ResultAction } from '../results.policy.ts';
import { AmendBody, ReasonBody, ReasonOptionalBody, Result, ResultIdParam } from '../results.schemas.ts';
import { type ActionBody, actOnResult } from '../results.service.ts';
import {
  absentBodyIsEmpty,
  callerOf,
  errorResponses,
  gatewayOf,
  IdempotencyHeaders,
  pathOf,
  RESULT_NOT_FOUND,
  SERVICE,
  sendIdempotent,
  TAGS,
} from './route-support.ts';

const OPERATIONS: {
  action: ResultAction;
  summary: string;
  description: string;
  body: typeof ReasonBody | typeof ReasonOptionalBody | typeof AmendBody;
  conflict: string;
}[] = [
  {
    action: 'release',
    summary: 'Release a result',
    description:
      'Makes the score report official and sends it: Assessment Results (full report) and Assessment Results Notification (thin). ' +
      'Refused while the online session waits for its proctoring review, or when the review rejected it.',
    body: ReasonOptionalBody,
    conflict: 'RESULT_AWAITING_REVIEW, RESULT_PROCTORING_REJECTED, or RESULT_TRANSITION_NOT_ALLOWED (already released or invalidated).',
  },
  {
    action: 'hold',
    summary: 'Hold a result',
    description: 'Keeps a scored result from release (e.g. pending an investigation); `release` lifts the hold.',
    body: ReasonBody,
    conflict: 'RESULT_TRANSITION_NOT_ALLOWED: only a scored result can be held.',
  },
  {
    action: 'amend',
    summary: 'Amend a result',
    description:
      'A new revision of the score report with the reason and the diff against the previous one (see history). A released result is ' +
      'sent again as assessment_result.amended.',
    body: AmendBody,
    conflict: 'RESULT_TRANSITION_NOT_ALLOWED: the result is invalidated.',
  },
  {
    action: 'invalidate',
    summary: 'Invalidate a result',
    description: 'Voids the result (e.g. misconduct found later); a released result is sent as assessment_result.invalidated. Cannot be undone.',
    body: ReasonBody,
    conflict: 'RESULT_TRANSITION_NOT_ALLOWED: the result is already invalidated.',
  },
];

export function resultActionRoutes(app: AtlasApp, deps: ModuleDeps): void {
  for (const operation of OPERATIONS) {
    for (const api of apiVersions(SERVICE)) {
      app.post(`${api.prefix}/results/:result_id/${operation.action}`, {
        config: gatewayOf(api.version),
        schema: {
          operationId: `${operation.action}Result${api.operationSuffix}`,
          summary: operation.summary,
          description: `${operation.description} Supports \`Idempotency-Key\`.`,
          tags: TAGS,
          params: paramsFor(api, ResultIdParam),
          headers: IdempotencyHeaders,
          body: operation.body,
          response: {
            200: { ...Result, description: 'The result after the change.' },
            ...errorResponses(api.version, {
              400: operation.action === 'amend' ? 'Invalid fields, or RESULT_AMENDMENT_EMPTY (nothing would change).' : 'Invalid fields.',
              404: RESULT_NOT_FOUND,
              409: operation.conflict,
              422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
            }),
          },
        },
        preValidation: absentBodyIsEmpty,
        handler: async (request, reply) => {
          const key = parseIdempotencyKey(request.headers['idempotency-key']);
          const result = await actOnResult(deps.ctx, callerOf(request), pathOf(request).result_id, operation.action, request.body as ActionBody, key);
          return sendIdempotent(reply, result);
        },
      });
    }
  }
}
