import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';

/** Registers the notifications routes (`/notifications/v2/…`). */
export function notificationsModule(_app: AtlasApp, _deps: ModuleDeps): void {}
