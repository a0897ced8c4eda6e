import type { AtlasDatabase } from '../../db/database.ts';
import { appliedMigrations, ping, shippedMigrationNames } from '../../db/database.ts';
import type { AtlasApp } from '../../platform/app-types.ts';
import type { Metrics } from '../../platform/metrics.ts';

/** Liveness, readiness (database reachable and fully migrated) and Prometheus metrics. */
export function healthModule(app: AtlasApp, database: AtlasDatabase, metrics: Metrics): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ping(database.db);
      const applied = await appliedMigrations(database.db);
      const pending = shippedMigrationNames().filter((name) => !applied.includes(name));
      if (pending.length > 0) return reply.code(503).send({ status: 'not_ready', reason: 'migrations pending', pending });
      return { status: 'ready', database: database.dialect };
    } catch {
      return reply.code(503).send({ status: 'not_ready', reason: 'database unreachable' });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
