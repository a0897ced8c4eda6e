import type { FastifyInstance } from 'fastify';
import type { UsageRecorder } from '../modules/usage/usage.recorder.ts';
import type { Clock } from '../platform/clock.ts';
import type { Metrics } from '../platform/metrics.ts';
import { gatewayErrorResponses } from './error-responses.ts';
import { type GatewayDeps, gatewayStages } from './pipeline.ts';

/**
 * Applies the gateway to every route that declares `config.gateway` (service + version), as an onRequest hook that
 * runs before the body is even read; and records usage, metrics and one access-log line for every request.
 */
export function installGateway(app: FastifyInstance, deps: GatewayDeps & { usage: UsageRecorder; metrics: Metrics; clock: Clock }): void {
  app.addHook('onRoute', (route) => {
    const gateway = route.config?.gateway;
    if (!gateway) return;
    const stage = gatewayStages(deps, gateway);
    // Document (and serialise) the gateway's own answers on every operation; a route's own entries win.
    route.schema = { ...route.schema, response: { ...gatewayErrorResponses(gateway.version), ...(route.schema?.response as object | undefined) } };
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [stage, ...existing];
  });

  app.addHook('onResponse', (request, reply, done) => {
    const latencyMs = reply.elapsedTime;
    // Fastify builds a new routeOptions object on every access: read it once.
    const route = request.routeOptions;
    const gateway = route.config?.gateway;
    const operation = route.schema?.operationId ?? 'unmatched';
    const service = gateway?.service ?? (route.url?.startsWith('/oauth2') ? 'token' : 'platform');
    const version = gateway?.version ?? '-';
    deps.metrics.recordRequest(service, version, operation, reply.statusCode, latencyMs / 1000);
    const principal = request.principal;
    if (gateway && principal) {
      deps.usage.record({
        accountId: principal.accountId,
        applicationId: principal.applicationId,
        environment: principal.environment,
        service,
        version,
        operation,
        status: reply.statusCode,
        latencyMs,
        at: deps.clock.now(),
      });
    }
    // The route pattern, not the URL: paths and queries can carry candidate data.
    request.log.info(
      {
        method: request.method,
        route: route.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(latencyMs * 10) / 10,
        account: principal?.accountCode,
        application: principal?.applicationId,
        env: principal?.environment,
        ip: request.ip,
      },
      'request',
    );
    done();
  });
}
