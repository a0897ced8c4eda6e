import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';

/** Registers the booking routes (v2 and their v1 mirrors). */
export function bookingModule(_app: AtlasApp, _deps: ModuleDeps): void {}
