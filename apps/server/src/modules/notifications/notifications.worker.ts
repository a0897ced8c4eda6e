/** The notifications part of the background loop: the dispatcher, with its tuning from the environment. */
import type { FastifyBaseLogger } from 'fastify';
import type { AtlasConfig } from '../../config.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { DEFAULT_DISPATCHER_OPTIONS, Dispatcher, type DispatcherOptions } from './dispatch/dispatcher.ts';
import { createSecretBox } from './secret-box.ts';

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * ATLAS_DELIVERY_CONCURRENCY (calls in flight per process, default 512), ATLAS_DELIVERY_PER_ENDPOINT (per endpoint,
 * default 64), ATLAS_DELIVERY_LEASE_SECONDS (how long a claimed delivery is held before another worker may send it
 * again, default 60; keep it above the 15 s call limit).
 */
export function dispatcherOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<DispatcherOptions> {
  return {
    concurrency: positiveInteger(env, 'ATLAS_DELIVERY_CONCURRENCY', DEFAULT_DISPATCHER_OPTIONS.concurrency),
    perEndpoint: positiveInteger(env, 'ATLAS_DELIVERY_PER_ENDPOINT', DEFAULT_DISPATCHER_OPTIONS.perEndpoint),
    leaseMs: positiveInteger(env, 'ATLAS_DELIVERY_LEASE_SECONDS', DEFAULT_DISPATCHER_OPTIONS.leaseMs / 1000) * 1000,
  };
}

export function startNotificationDispatcher(ctx: ServiceContext, config: AtlasConfig, log: FastifyBaseLogger): Dispatcher {
  const dispatcher = new Dispatcher(ctx, { mode: config.mode, box: createSecretBox(config.encryptionKey), log }, dispatcherOptionsFromEnv());
  dispatcher.start();
  return dispatcher;
}
