import type { AtlasApp } from '../../../platform/app-types.ts';
import { readClientCredentials } from '../client-authentication.ts';
import { requireFormBody } from '../form-body.ts';
import { OAuthError, TokenOperationRequest } from '../oauth.schemas.ts';
import { type OAuthDeps, revokeToken } from '../token.service.ts';
import { sendNoStore } from './no-store.ts';

export function revokeTokenRoute(app: AtlasApp, deps: OAuthDeps): void {
  for (const url of ['/oauth2/revoke', '/revoke']) {
    app.post(url, {
      config: { errorFormat: 'oauth' },
      preValidation: requireFormBody,
      schema: {
        operationId: url === '/revoke' ? 'revokeTokenAlias' : 'revokeToken',
        hide: url === '/revoke',
        summary: 'Revoke a token (RFC 7009)',
        description: 'Revokes an access token, or a refresh token and every token issued from the same grant. Answers 200 for unknown tokens too.',
        tags: ['token'],
        consumes: ['application/x-www-form-urlencoded'],
        body: TokenOperationRequest,
        response: { '4xx': OAuthError },
      },
      handler: async (request, reply) => {
        const form = request.body as Record<string, string>;
        await revokeToken(deps, readClientCredentials(request.headers.authorization, form), form);
        return sendNoStore(reply.code(200), '');
      },
    });
  }
}
