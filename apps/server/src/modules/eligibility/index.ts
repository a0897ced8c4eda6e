import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';

/** Registers the eligibility routes (v2 and v1). */
export function eligibilityModule(_app: AtlasApp, _deps: ModuleDeps): void {}
