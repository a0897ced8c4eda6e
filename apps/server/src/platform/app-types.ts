import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { AtlasConfig } from '../config.ts';
import type { TokenCache } from '../gateway/token-cache.ts';
import type { UsageRecorder } from '../modules/usage/usage.recorder.ts';
import type { ServiceContext } from './context.ts';
import type { Metrics } from './metrics.ts';
import type { RateCounter } from './rate-counter.ts';
import type { RevocationBus } from './revocations.ts';

/** The Fastify instance modules register routes on: TypeBox schemas give the handlers their types. */
export type AtlasApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Everything a module's routes may hand to its services. */
export interface ModuleDeps {
  config: AtlasConfig;
  ctx: ServiceContext;
  counter: RateCounter;
  revocations: RevocationBus;
  tokens: TokenCache;
  usage: UsageRecorder;
  metrics: Metrics;
}
