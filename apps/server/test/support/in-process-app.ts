import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { AtlasDatabase } from '../../src/db/database.ts';
import type { AtlasApp } from '../../src/platform/app-types.ts';

/**
 * The real app, in process, on a database something else (a spawned CLI, a server) writes to: lets a test check
 * that what the CLI printed works against the Token API and the gateway. Closing it leaves the database open.
 */
export async function appOn(database: AtlasDatabase): Promise<AtlasApp> {
  const { app } = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent' }, database });
  await app.ready();
  return app;
}
