import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { sessionGuard, storePrincipalOf } from '../portal-auth.ts';
import { servicesAllowed } from '../store-applications.service.ts';
import { usageReport } from '../usage-report.ts';

const UsageQuery = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 90, default: 14 }),
  environment: Type.Optional(Type.Union([Type.Literal('production'), Type.Literal('sandbox')])),
});

/** The catalog (only the services the account's roles allow, with their OpenAPI documents) and the usage report. */
export function storeCatalogRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig, servicesWithRoutes: ReadonlySet<string>): void {
  const guard = sessionGuard(ctx, config, 'store');
  app.get('/store/api/catalog', { schema: { hide: true }, onRequest: guard }, async (request) => ({
    data: servicesAllowed(storePrincipalOf(request).roles).map((s) => ({
      slug: s.slug,
      title: s.title,
      summary: s.summary,
      role: s.role,
      requires_subscription: s.requiresSubscription,
      versions: ['v1', 'v2']
        .filter((v) => servicesWithRoutes.has(`${s.slug}/${v}`))
        .map((v) => ({ version: v, openapi_url: `/docs/${s.slug}/${v}/openapi.json` })),
    })),
  }));
  app.get('/store/api/usage', { schema: { hide: true, querystring: UsageQuery }, onRequest: guard }, async (request) =>
    usageReport(ctx, storePrincipalOf(request).accountId, request.query.days, request.query.environment),
  );
}
