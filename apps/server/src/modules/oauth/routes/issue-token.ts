import type { AtlasApp } from '../../../platform/app-types.ts';
import { readClientCredentials } from '../client-authentication.ts';
import { requireFormBody } from '../form-body.ts';
import { OAuthError, TokenRequest, TokenResponse } from '../oauth.schemas.ts';
import { issueToken, type OAuthDeps } from '../token.service.ts';
import { sendNoStore } from './no-store.ts';

export function issueTokenRoute(app: AtlasApp, deps: OAuthDeps): void {
  for (const url of ['/oauth2/token', '/token']) {
    app.post(url, {
      config: { errorFormat: 'oauth' },
      preValidation: requireFormBody,
      schema: {
        operationId: url === '/token' ? 'issueTokenAlias' : 'issueToken',
        hide: url === '/token',
        summary: 'Obtain an access token',
        description:
          'Grants: `client_credentials` (application token), `password` (user token, with a refresh token), `refresh_token` (rotating: each refresh token works once). Authenticate with HTTP Basic `consumer_key:consumer_secret`.',
        tags: ['token'],
        consumes: ['application/x-www-form-urlencoded'],
        body: TokenRequest,
        response: { 200: TokenResponse, '4xx': OAuthError },
      },
      handler: async (request, reply) => {
        const form = request.body as Record<string, string>;
        const tokens = await issueToken(deps, { ip: request.ip, credentials: readClientCredentials(request.headers.authorization, form), form });
        return sendNoStore(reply, tokens);
      },
    });
  }
}
