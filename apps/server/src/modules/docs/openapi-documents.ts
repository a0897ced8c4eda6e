import type { FastifyInstance } from 'fastify';
import { SERVICES } from '../../gateway/service-catalog.ts';

export interface DocumentTarget {
  service: string;
  version: string;
  title: string;
  description: string;
  /** Paths that belong to the document. */
  matches: (path: string) => boolean;
  security: Record<string, string[]>[];
}

const GETTING_STARTED_GUIDE = `
## Your first call in three steps
1. Get a token with your consumer key and secret (API Store → Applications → Keys):
   \`curl -u "$CONSUMER_KEY:$CONSUMER_SECRET" -d grant_type=client_credentials $ATLAS/oauth2/token\`
2. Call ping with it: \`curl -H "Authorization: Bearer $TOKEN" $ATLAS/getting-started/v2/ping\`
3. See who you are: \`curl -H "Authorization: Bearer $TOKEN" $ATLAS/getting-started/v2/whoami\`

Sandbox keys give sandbox tokens (sandbox data only); production keys give production tokens.`;

/** One OpenAPI document per service and version, cut from the routes that are registered. */
export function documentTargets(servicesWithRoutes: ReadonlySet<string>): DocumentTarget[] {
  const targets: DocumentTarget[] = [
    {
      service: 'token',
      version: 'v1',
      title: 'Atlas Token API',
      description: 'OAuth 2.0 token endpoint (RFC 6749), revocation (RFC 7009), introspection (RFC 7662) and metadata (RFC 8414).',
      matches: (path) => path.startsWith('/oauth2/') || path.startsWith('/.well-known/'),
      security: [{ clientBasic: [] }],
    },
  ];
  for (const service of SERVICES) {
    for (const version of ['v1', 'v2']) {
      if (!servicesWithRoutes.has(`${service.slug}/${version}`)) continue;
      targets.push({
        service: service.slug,
        version,
        title: `Atlas ${service.title} API (${version})`,
        description: service.summary + (service.slug === 'getting-started' ? GETTING_STARTED_GUIDE : ''),
        matches: (path) => path.startsWith(`/${service.slug}/${version}/`),
        security: [{ bearerAuth: [] }],
      });
    }
  }
  return targets;
}

type OpenApiDocument = { paths?: Record<string, unknown>; components?: Record<string, unknown>; [key: string]: unknown };

export function buildDocument(app: FastifyInstance, target: DocumentTarget, serverUrl: string): OpenApiDocument {
  const full = app.swagger() as OpenApiDocument;
  const paths = Object.fromEntries(Object.entries(full.paths ?? {}).filter(([path]) => target.matches(path)));
  return {
    openapi: '3.1.0',
    info: { title: target.title, version: target.version, description: target.description },
    servers: [{ url: serverUrl }],
    security: target.security,
    paths,
    components: {
      ...(full.components ?? {}),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'Access token from POST /oauth2/token.' },
        clientBasic: { type: 'http', scheme: 'basic', description: 'consumer_key:consumer_secret of your application.' },
      },
    },
  };
}
