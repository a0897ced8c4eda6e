import type { AtlasConfig } from '../../../config.ts';
import { publicOrigin } from '../../../gateway/route-support.ts';
import { ROLES } from '../../../gateway/service-catalog.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import { SUPPORTED_GRANTS } from '../oauth.policy.ts';

export function getMetadataRoute(app: AtlasApp, config: AtlasConfig): void {
  app.get('/.well-known/oauth-authorization-server', {
    schema: { operationId: 'getAuthorizationServerMetadata', summary: 'Authorization server metadata (RFC 8414)', tags: ['token'] },
    handler: async (request) => {
      const issuer = publicOrigin(config, request);
      return {
        issuer,
        token_endpoint: `${issuer}/oauth2/token`,
        revocation_endpoint: `${issuer}/oauth2/revoke`,
        introspection_endpoint: `${issuer}/oauth2/introspect`,
        grant_types_supported: [...SUPPORTED_GRANTS],
        response_types_supported: ['token'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['default', ...ROLES],
        service_documentation: `${issuer}/docs`,
      };
    },
  });
}
