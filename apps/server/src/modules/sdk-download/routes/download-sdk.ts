import fs from 'node:fs';
import type { AtlasApp } from '../../../platform/app-types.ts';
import { newestSdkPackage } from '../sdk-package.ts';

/** `GET /sdk/atlas-sdk.tgz`: the newest packed SDK under a stable URL (the versioned name comes as the attachment name). */
export function downloadSdkRoute(app: AtlasApp, packDir: string): void {
  app.get('/sdk/atlas-sdk.tgz', { schema: { hide: true } }, async (_request, reply) => {
    const sdk = newestSdkPackage(packDir);
    return reply
      .type('application/gzip')
      .header('Content-Disposition', `attachment; filename="${sdk.filename}"`)
      .header('Content-Length', String(sdk.size))
      .header('ETag', `"${sdk.sha256}"`)
      .header('Cache-Control', 'no-cache')
      .header('X-Atlas-SDK-Version', sdk.version)
      .send(fs.createReadStream(sdk.file));
  });
}
