import type { AtlasConfig } from '../../config.ts';
import type { AtlasApp } from '../../platform/app-types.ts';
import { installFormParser } from './form-body.ts';
import { getMetadataRoute } from './routes/get-metadata.ts';
import { introspectTokenRoute } from './routes/introspect-token.ts';
import { issueTokenRoute } from './routes/issue-token.ts';
import { revokeTokenRoute } from './routes/revoke-token.ts';
import type { OAuthDeps } from './token.service.ts';

export function oauthModule(app: AtlasApp, deps: OAuthDeps, config: AtlasConfig): void {
  installFormParser(app);
  issueTokenRoute(app, deps);
  revokeTokenRoute(app, deps);
  introspectTokenRoute(app, deps);
  getMetadataRoute(app, config);
}
