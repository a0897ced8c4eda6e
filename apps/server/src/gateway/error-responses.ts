import { Type } from 'typebox';
import type { ApiVersion } from './route-config.ts';

/** RFC 9457 problem details, as every v2 error is answered. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'Link to the error catalogue entry.', examples: ['/docs/errors#GATEWAY_TOKEN_INVALID'] }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong with this request.' }),
    code: Type.String({ description: 'Stable UPPER_SNAKE code to branch on.', examples: ['GATEWAY_RATE_LIMITED'] }),
    request_id: Type.String({ description: 'Also in the X-Request-Id header; quote it to support.' }),
    errors: Type.Optional(
      Type.Array(Type.Object({ pointer: Type.String({ examples: ['/body/candidate/first_name'] }), message: Type.String() }), {
        description: 'Every failing field (400 only).',
      }),
    ),
  },
  { description: 'Problem details (RFC 9457), served as application/problem+json.' },
);

/** The PSI Atlas v1 error model. */
export const PsiError = Type.Object(
  { error: Type.String({ examples: ['invalid_request'] }), error_description: Type.String() },
  { description: 'PSI Atlas v1 error model.' },
);

/** The answers the gateway itself can give on any service route; documented on every operation. */
export function gatewayErrorResponses(version: ApiVersion): Record<string, unknown> {
  const body = version === 'v1' ? PsiError : Problem;
  const described = (description: string) => ({ ...body, description });
  return {
    400: described('The request is invalid: every bad field is listed.'),
    401: described('No, invalid, expired or revoked token; or a token of the other environment.'),
    403: described('Caller IP not allowed, role missing, or application not subscribed.'),
    429: described('Throttling tier exceeded: see Retry-After and RateLimit-*.'),
  };
}
