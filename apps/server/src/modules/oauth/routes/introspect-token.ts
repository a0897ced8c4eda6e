import type { AtlasApp } from '../../../platform/app-types.ts';
import { readClientCredentials } from '../client-authentication.ts';
import { requireFormBody } from '../form-body.ts';
import { IntrospectionResponse, OAuthError, TokenOperationRequest } from '../oauth.schemas.ts';
import { introspectToken, type OAuthDeps } from '../token.service.ts';
import { sendNoStore } from './no-store.ts';

export function introspectTokenRoute(app: AtlasApp, deps: OAuthDeps): void {
  app.post('/oauth2/introspect', {
    config: { errorFormat: 'oauth' },
    preValidation: requireFormBody,
    schema: {
      operationId: 'introspectToken',
      summary: 'Introspect a token (RFC 7662)',
      description: 'Tells whether a token of your own application is active, with its scope, expiry, account and environment.',
      tags: ['token'],
      consumes: ['application/x-www-form-urlencoded'],
      body: TokenOperationRequest,
      response: { 200: IntrospectionResponse, '4xx': OAuthError },
    },
    handler: async (request, reply) => {
      const form = request.body as Record<string, string>;
      return sendNoStore(reply, await introspectToken(deps, readClientCredentials(request.headers.authorization, form), form));
    },
  });
}
