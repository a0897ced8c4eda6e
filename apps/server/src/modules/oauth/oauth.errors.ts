import { defineErrors } from '../../platform/errors.ts';

/** Token API errors, each tied to its RFC 6749 §5.2 code. */
export const OAuthErrors = defineErrors({
  OAUTH_INVALID_REQUEST: {
    status: 400,
    oauth: 'invalid_request',
    title: 'Invalid token request',
    fix: 'Send application/x-www-form-urlencoded with each parameter once, as RFC 6749 describes.',
  },
  OAUTH_INVALID_CLIENT: {
    status: 401,
    oauth: 'invalid_client',
    title: 'Client authentication failed',
    fix: 'Send the consumer key and secret of the application (HTTP Basic, or client_id/client_secret form fields, not both).',
  },
  OAUTH_INVALID_GRANT: {
    status: 400,
    oauth: 'invalid_grant',
    title: 'Invalid grant',
    fix: 'Check the username and password (set a permanent password in the API Store first) or obtain a new refresh token.',
  },
  OAUTH_UNAUTHORIZED_CLIENT: {
    status: 400,
    oauth: 'unauthorized_client',
    title: 'Grant not allowed for this application',
    fix: 'Enable the password grant on the application, or use client_credentials.',
  },
  OAUTH_UNSUPPORTED_GRANT_TYPE: {
    status: 400,
    oauth: 'unsupported_grant_type',
    title: 'Unsupported grant type',
    fix: 'Use client_credentials, password or refresh_token.',
  },
  OAUTH_INVALID_SCOPE: {
    status: 400,
    oauth: 'invalid_scope',
    title: 'Invalid scope',
    fix: 'Request "default" or role names the account holds (e.g. "psiBooking psiPayment").',
  },
  OAUTH_UNSUPPORTED_TOKEN_TYPE: {
    status: 400,
    oauth: 'unsupported_token_type',
    title: 'Unsupported token type hint',
    fix: 'Use token_type_hint=access_token or refresh_token, or leave it out.',
  },
  OAUTH_TOO_MANY_REQUESTS: {
    status: 429,
    oauth: 'temporarily_unavailable',
    title: 'Too many token requests',
    fix: 'Reuse access tokens until they expire; wait for the time given in Retry-After.',
  },
});
