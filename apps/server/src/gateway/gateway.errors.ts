import { defineErrors } from '../platform/errors.ts';

export const GatewayErrors = defineErrors({
  GATEWAY_TOKEN_MISSING: {
    status: 401,
    title: 'Access token required',
    fix: 'Send `Authorization: Bearer <access_token>`; get a token from POST /oauth2/token.',
  },
  GATEWAY_TOKEN_INVALID: {
    status: 401,
    title: 'Access token invalid, expired or revoked',
    fix: 'Obtain a new access token from POST /oauth2/token (or refresh it).',
  },
  GATEWAY_WRONG_ENVIRONMENT: {
    status: 401,
    title: 'Token of the wrong environment',
    fix: "This operation exists in the other environment only: use a token from that environment's consumer key.",
  },
  GATEWAY_IP_NOT_ALLOWED: {
    status: 403,
    title: 'Caller IP not allowed',
    fix: "Call from an address in the account's IP allow-list, or ask your implementation coordinator to add your range.",
  },
  GATEWAY_ROLE_MISSING: {
    status: 403,
    title: 'Role missing for this service',
    fix: "Ask your implementation coordinator to grant the service's role to the account (or request it in the token scope).",
  },
  GATEWAY_NOT_SUBSCRIBED: {
    status: 403,
    title: 'Application not subscribed to this service',
    fix: 'Subscribe the application to the service in the API Store.',
  },
  GATEWAY_RATE_LIMITED: {
    status: 429,
    title: 'Throttling tier exceeded',
    fix: 'Wait for the seconds given in Retry-After; watch the RateLimit-* headers, or ask for a higher tier.',
  },
  GATEWAY_ACCOUNT_NOT_FOUND: { status: 404, title: 'Unknown account', fix: 'Use your own account code in the path.' },
});
