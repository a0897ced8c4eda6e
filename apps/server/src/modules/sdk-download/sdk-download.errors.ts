import { defineErrors } from '../../platform/errors.ts';

export const SdkDownloadErrors = defineErrors({
  SDK_NOT_BUILT: {
    status: 404,
    title: 'The SDK tarball has not been built',
    fix: 'Run `npm run build -w packages/sdk` in the repository (`npm start` does it first), then download again.',
  },
});
