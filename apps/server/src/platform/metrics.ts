import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per app instance (tests build many apps in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'atlas_' });
  const requests = new Counter({
    name: 'atlas_http_requests_total',
    help: 'HTTP requests by service, version, operation and status',
    labelNames: ['service', 'version', 'operation', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'atlas_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['service', 'version'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, requests, latency };
}

export type Metrics = ReturnType<typeof createMetrics>;
