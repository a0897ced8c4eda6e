import type { AtlasConfig } from '../../../config.ts';
import { publicOrigin } from '../../../gateway/route-support.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import { newestSdkPackage } from '../sdk-package.ts';

/** `GET /sdk`: what the download serves — version, file name, size and sha256 — so installs can be checked. */
export function getSdkInfoRoute(app: AtlasApp, config: AtlasConfig, packDir: string): void {
  app.get('/sdk', { schema: { hide: true } }, async (request) => {
    const sdk = newestSdkPackage(packDir);
    return {
      name: '@atlas/sdk',
      version: sdk.version,
      filename: sdk.filename,
      size: sdk.size,
      sha256: sdk.sha256,
      url: `${publicOrigin(config, request)}/sdk/atlas-sdk.tgz`,
      install: `npm install ./${sdk.filename}`,
    };
  });
}
