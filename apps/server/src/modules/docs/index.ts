import type { AtlasConfig } from '../../config.ts';
import { publicOrigin } from '../../gateway/route-support.ts';
import type { AtlasApp } from '../../platform/app-types.ts';
import { AppError, errorCatalogue, PlatformErrors } from '../../platform/errors.ts';
import { buildDocument, documentTargets } from './openapi-documents.ts';

/** `/docs` index, `/docs/{service}/{version}/openapi.json` (fixed pattern), and the error catalogue. */
export function docsModule(app: AtlasApp, config: AtlasConfig, servicesWithRoutes: ReadonlySet<string>): void {
  app.get('/docs', { schema: { hide: true } }, async (request) => {
    const origin = publicOrigin(config, request);
    return {
      documents: documentTargets(servicesWithRoutes).map((t) => ({
        service: t.service,
        version: t.version,
        title: t.title,
        url: `${origin}/docs/${t.service}/${t.version}/openapi.json`,
      })),
      errors: `${origin}/docs/errors`,
    };
  });

  app.get<{ Params: { service: string; version: string } }>('/docs/:service/:version/openapi.json', { schema: { hide: true } }, async (request) => {
    const target = documentTargets(servicesWithRoutes).find((t) => t.service === request.params.service && t.version === request.params.version);
    if (!target) throw new AppError(PlatformErrors.NOT_FOUND, `no OpenAPI document for ${request.params.service} ${request.params.version}`);
    return buildDocument(app, target, publicOrigin(config, request));
  });

  app.get('/docs/errors', { schema: { hide: true } }, async () => ({
    errors: [...errorCatalogue()].map(([code, d]) => ({ code, status: d.status, title: d.title, fix: d.fix, ...(d.oauth ? { oauth_error: d.oauth } : {}) })),
  }));
}
