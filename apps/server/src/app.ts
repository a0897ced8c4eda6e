import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { AtlasConfig } from './config.ts';
import type { AtlasDatabase } from './db/database.ts';
import { installGateway } from './gateway/index.ts';
import { TokenCache } from './gateway/token-cache.ts';
import { bookingModule } from './modules/booking/index.ts';
import { onlineBookingLookup } from './modules/booking/online-bookings.ts';
import { docsModule } from './modules/docs/index.ts';
import { eligibilityModule } from './modules/eligibility/index.ts';
import { createLaunchUrlSigner } from './modules/eligibility/online-booking-lookup.ts';
import { gettingStartedModule } from './modules/getting-started/index.ts';
import { healthModule } from './modules/health/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { ClientCache } from './modules/oauth/client-cache.ts';
import { oauthModule } from './modules/oauth/index.ts';
import { AccessTokenWriter } from './modules/oauth/token-writer.ts';
import { paymentModule } from './modules/payment/index.ts';
import { portalModule } from './modules/portal/index.ts';
import { proctoringModule } from './modules/proctoring/index.ts';
import { resultsModule } from './modules/results/index.ts';
import { sdkDownloadModule } from './modules/sdk-download/index.ts';
import { testCentersModule } from './modules/test-centers/index.ts';
import { testPublicationModule } from './modules/test-publication/index.ts';
import { UsageRecorder } from './modules/usage/usage.recorder.ts';
import { vouchersModule } from './modules/vouchers/index.ts';
import type { AtlasApp, ModuleDeps } from './platform/app-types.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { installErrorHandling, sendError } from './platform/error-handler.ts';
import { AppError, PlatformErrors } from './platform/errors.ts';
import { createIdGenerator, type IdGenerator } from './platform/ids.ts';
import { jsonDepthExceeds } from './platform/json-depth.ts';
import { lazySchemaCompilers } from './platform/lazy-schema-compilers.ts';
import { loggerOptions } from './platform/logger.ts';
import { createMetrics } from './platform/metrics.ts';
import { installNulGuard } from './platform/nul-guard.ts';
import { MemoryRateCounter, type RateCounter } from './platform/rate-counter.ts';
import { RevocationBus } from './platform/revocations.ts';
import { installSecurityHeaders } from './platform/security-headers.ts';

export interface AppOptions {
  config: AtlasConfig;
  database: AtlasDatabase;
  clock?: Clock;
  ids?: IdGenerator;
  counter?: RateCounter;
  revocations?: RevocationBus;
  /** Extra routes (tests register probe routes through the real gateway). */
  register?: (app: AtlasApp, deps: ModuleDeps) => void;
  /** Where log lines go (stdout by default); tests capture them to prove what is never logged. */
  logStream?: DestinationStream;
}

export interface BuiltApp {
  app: AtlasApp;
  deps: ModuleDeps;
  servicesWithRoutes: ReadonlySet<string>;
  /**
   * Route validators and serialisers are compiled on first use, not at `ready()` (`serve` starts ~0.7 s sooner):
   * this compiles the rest in the background. `serve` runs it after listening; tests await it, so a schema that
   * does not compile fails them at once.
   */
  warmUpSchemas(onError: (error: unknown) => void): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** No documented body nests beyond a handful of levels; deeper ones only serve to overflow recursive code. */
const MAX_JSON_DEPTH = 64;

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const ctx = { db: database.db, clock, ids: options.ids ?? createIdGenerator(() => clock.now()) };
  const revocations = options.revocations ?? new RevocationBus();
  const counter = options.counter ?? new MemoryRateCounter();
  const deps: ModuleDeps = {
    config,
    ctx,
    counter,
    revocations,
    tokens: new TokenCache(database.db, revocations, config.tokenCacheTtlMs),
    usage: new UsageRecorder(database.db),
    metrics: createMetrics(),
  };

  // Logs go out in blocks: a write() per access-log line cost ~10 µs per request synchronously, and as many
  // thread-pool hand-offs (futex and eventfd system calls) asynchronously (BENCHMARKS.md). Lines wait for 8 KiB or
  // at most a second, whichever comes first; pending lines are flushed when the app closes.
  const logStream =
    options.logStream ?? (config.logLevel === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: 8192, periodicFlush: 1000 }));
  const schemaCompilers = lazySchemaCompilers();
  const app = Fastify({
    schemaController: { compilersFactory: schemaCompilers.compilersFactory },
    logger: loggerOptions(config.logLevel, logStream),
    // One access-log line per request comes from the gateway's onResponse hook instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: 1024 * 1024,
    // Accept the caller's X-Request-Id when it is sane, so a partner can follow one call through both systems.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: true } },
    // A malformed URL or an over-long path parameter is refused by the router before any route or hook: without this
    // Fastify answers in its own JSON shape instead of the documented error model (found by the R5 fuzz suite).
    frameworkErrors: (error, request, reply) => sendError(request, reply, error),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Hooks on every request are callback-style, not async: an async hook costs a promise and a microtask turn per
  // request (BENCHMARKS.md, P1).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  // Graceful shutdown: Fastify closes idle keep-alive sockets only, so answers sent while closing ask the client to
  // close too; otherwise a busy connection would outlive the shutdown.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('Connection', 'close');
    done(null, payload);
  });
  // Action endpoints (publish, cancel…) take no body; clients still send Content-Type: application/json with an
  // empty one. Treat that as no body; everything else goes to Fastify's own parser (prototype-poisoning safe).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) {
      return done(new AppError(PlatformErrors.BAD_REQUEST, `the body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`), undefined);
    }
    void parseJson(request, body as string, done);
  });
  installErrorHandling(app);
  installGateway(app, { tokens: deps.tokens, counter, clock, usage: deps.usage, metrics: deps.metrics });
  // After the gateway's hooks: an unauthenticated caller learns nothing about how its body is checked.
  installNulGuard(app);
  installSecurityHeaders(app, { production: config.mode === 'production' });

  const servicesWithRoutes = new Set<string>();
  app.addHook('onRoute', (route) => {
    const gateway = route.config?.gateway;
    if (gateway) servicesWithRoutes.add(`${gateway.service}/${gateway.version}`);
  });

  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'Atlas', version: '1' } },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });

  oauthModule(
    app,
    {
      ctx,
      revocations,
      counter,
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
      tokenWriter: new AccessTokenWriter(database.db),
      clients: new ClientCache(database.db, config.tokenCacheTtlMs, revocations),
      limits: { requestsPerClientPerMinute: config.tokenRequestsPerClientPerMinute, failuresPerIpPerMinute: config.tokenFailuresPerIpPerMinute },
    },
    config,
  );
  gettingStartedModule(app, deps);
  testPublicationModule(app, deps);
  testCentersModule(app, deps);
  vouchersModule(app, deps);
  // One signer for eligibility's testLaunchInfo and proctoring's launch URLs: a link from either opens the session.
  const launchSigner = createLaunchUrlSigner(config.urlSigningSecret);
  eligibilityModule(app, deps, { signer: launchSigner, bookings: onlineBookingLookup });
  notificationsModule(app, deps);
  bookingModule(app, deps);
  paymentModule(app, deps);
  proctoringModule(app, deps, launchSigner);
  resultsModule(app, deps);
  options.register?.(app, deps);
  healthModule(app, database, deps.metrics);
  docsModule(app, config, servicesWithRoutes);
  sdkDownloadModule(app, config);
  portalModule(app, deps, servicesWithRoutes);

  app.addHook('onClose', async () => {
    await deps.usage.stop();
    if (logStream && 'flushSync' in logStream) (logStream as { flushSync(): void }).flushSync();
  });
  return { app, deps, servicesWithRoutes, warmUpSchemas: schemaCompilers.warmUp };
}
