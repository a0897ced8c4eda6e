import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';

/** Registers the vouchers routes (v2 and v1). */
export function vouchersModule(_app: AtlasApp, _deps: ModuleDeps): void {}
