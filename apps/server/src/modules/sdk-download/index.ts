import type { AtlasConfig } from '../../config.ts';
import type { AtlasApp } from '../../platform/app-types.ts';
import { downloadSdkRoute } from './routes/download-sdk.ts';
import { getSdkInfoRoute } from './routes/get-sdk-info.ts';

/** Serves the packed TypeScript SDK (config.sdkPackDir, default packages/sdk/pack, built by `npm run build -w packages/sdk`): `/sdk` and `/sdk/atlas-sdk.tgz`. */
export function sdkDownloadModule(app: AtlasApp, config: AtlasConfig): void {
  getSdkInfoRoute(app, config, config.sdkPackDir);
  downloadSdkRoute(app, config.sdkPackDir);
}
