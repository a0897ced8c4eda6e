import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

/** The request metrics are counted outside prom-client; the exposition must still be what Prometheus expects. */
describe('request metrics', () => {
  it('exposes counts per operation and status and a cumulative latency histogram per service', async () => {
    const metrics = createMetrics();
    metrics.recordRequest('booking', 'v2', 'createHold', 201, 0.004);
    metrics.recordRequest('booking', 'v2', 'createHold', 201, 0.02);
    metrics.recordRequest('booking', 'v2', 'createHold', 409, 0.3);
    metrics.recordRequest('booking', 'v2', 'getBooking', 200, 5);
    metrics.recordRequest('token', '-', 'token', 200, 0.0005);

    const text = await metrics.registry.metrics();
    const lines = text.split('\n');
    expect(lines).toContain('# TYPE atlas_http_requests_total counter');
    expect(lines).toContain('atlas_http_requests_total{service="booking",version="v2",operation="createHold",status="201"} 2');
    expect(lines).toContain('atlas_http_requests_total{service="booking",version="v2",operation="createHold",status="409"} 1');
    expect(lines).toContain('atlas_http_requests_total{service="token",version="-",operation="token",status="200"} 1');

    expect(lines).toContain('# TYPE atlas_http_request_duration_seconds histogram');
    const bucket = (le: string) => lines.find((l) => l.startsWith(`atlas_http_request_duration_seconds_bucket{service="booking",version="v2",le="${le}"}`));
    expect(bucket('0.001')).toMatch(/ 0$/);
    expect(bucket('0.005')).toMatch(/ 1$/);
    expect(bucket('0.025')).toMatch(/ 2$/);
    expect(bucket('0.25')).toMatch(/ 2$/);
    expect(bucket('0.5')).toMatch(/ 3$/);
    expect(bucket('2.5')).toMatch(/ 3$/);
    expect(bucket('+Inf')).toMatch(/ 4$/);
    expect(lines).toContain('atlas_http_request_duration_seconds_count{service="booking",version="v2"} 4');
    const sum = lines.find((l) => l.startsWith('atlas_http_request_duration_seconds_sum{service="booking",version="v2"}'));
    expect(Number(sum?.split(' ')[1])).toBeCloseTo(5.324, 6);
    // The default process metrics are still there.
    expect(text).toContain('atlas_process_cpu_user_seconds_total');
  });
});
