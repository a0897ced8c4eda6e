import { collectDefaultMetrics, type Metric, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

interface RequestSeries {
  labels: { service: string; version: string; operation: string; status: number };
  count: number;
  latency: LatencySeries;
}

interface LatencySeries {
  labels: { service: string; version: string };
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  buckets: number[];
}

/** One exposition line as prom-client's registry formats it. */
interface MetricValue {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * Request counts and latencies, counted in plain objects on the request path and shaped for prom-client only when
 * /metrics is scraped. prom-client's own Counter and Histogram validate and hash the label object on every call,
 * even through a labelled child: ~3 % of a gateway request (BENCHMARKS.md, P1).
 */
class RequestMetrics {
  private readonly series = new Map<string, RequestSeries>();
  private readonly latencySeries = new Map<string, LatencySeries>();

  record(service: string, version: string, operation: string, status: number, seconds: number): void {
    const key = `${service}|${version}|${operation}|${status}`;
    let series = this.series.get(key);
    if (!series) {
      series = { labels: { service, version, operation, status }, count: 0, latency: this.latencyOf(service, version) };
      this.series.set(key, series);
    }
    series.count += 1;
    const latency = series.latency;
    latency.count += 1;
    latency.sum += seconds;
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > (LATENCY_BUCKETS[bucket] as number)) bucket += 1;
    latency.buckets[bucket] = (latency.buckets[bucket] as number) + 1;
  }

  private latencyOf(service: string, version: string): LatencySeries {
    const key = `${service}|${version}`;
    let latency = this.latencySeries.get(key);
    if (!latency) {
      latency = { labels: { service, version }, count: 0, sum: 0, buckets: new Array(LATENCY_BUCKETS.length + 1).fill(0) };
      this.latencySeries.set(key, latency);
    }
    return latency;
  }

  /** The two metrics in the shape prom-client's Registry formats (`registerMetric` takes any object with `get`). */
  exporters(): Metric[] {
    const requests = {
      name: 'atlas_http_requests_total',
      help: 'HTTP requests by service, version, operation and status',
      type: 'counter',
      aggregator: 'sum',
      get: async () => ({
        ...requests,
        values: [...this.series.values()].map((s): MetricValue => ({ labels: s.labels, value: s.count })),
      }),
    };
    const latency = {
      name: 'atlas_http_request_duration_seconds',
      help: 'HTTP request latency',
      type: 'histogram',
      aggregator: 'sum',
      get: async () => ({ ...latency, values: [...this.latencySeries.values()].flatMap(histogramValues) }),
    };
    return [requests, latency] as unknown as Metric[];
  }
}

function histogramValues(series: LatencySeries): MetricValue[] {
  const values: MetricValue[] = [];
  let cumulative = 0;
  LATENCY_BUCKETS.forEach((le, i) => {
    cumulative += series.buckets[i] as number;
    values.push({ metricName: 'atlas_http_request_duration_seconds_bucket', labels: { ...series.labels, le }, value: cumulative });
  });
  values.push({ metricName: 'atlas_http_request_duration_seconds_bucket', labels: { ...series.labels, le: '+Inf' }, value: series.count });
  values.push({ metricName: 'atlas_http_request_duration_seconds_sum', labels: series.labels, value: series.sum });
  values.push({ metricName: 'atlas_http_request_duration_seconds_count', labels: series.labels, value: series.count });
  return values;
}

/** One registry per app instance (tests build many apps in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'atlas_' });
  const requests = new RequestMetrics();
  for (const metric of requests.exporters()) registry.registerMetric(metric);
  return {
    registry,
    recordRequest: (service: string, version: string, operation: string, status: number, seconds: number) =>
      requests.record(service, version, operation, status, seconds),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
