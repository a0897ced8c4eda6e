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
  // prom-client hashes the label object on every call; a child per label set, found by one string key, is cheaper.
  const requestChildren = new Map<string, { count: { inc(): void }; latency: { observe(value: number): void } }>();
  function recordRequest(service: string, version: string, operation: string, status: number, seconds: number): void {
    const key = `${service}|${version}|${operation}|${status}`;
    let child = requestChildren.get(key);
    if (!child) {
      child = { count: requests.labels({ service, version, operation, status }), latency: latency.labels({ service, version }) };
      requestChildren.set(key, child);
    }
    child.count.inc();
    child.latency.observe(seconds);
  }
  return { registry, requests, latency, recordRequest };
}

export type Metrics = ReturnType<typeof createMetrics>;
