import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';

/** Registers the test-centers routes (v2 and v1). */
export function testCentersModule(_app: AtlasApp, _deps: ModuleDeps): void {}
