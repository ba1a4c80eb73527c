import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './request-durations.js';

describe('http_request_duration_seconds', () => {
  it('is exposed as a Prometheus histogram: cumulative buckets, +Inf, sum and count per series', async () => {
    const registry = new client.Registry();
    const d = new RequestDurations();
    registry.registerMetric(d.asMetric());
    d.observe('GET', '/e/:slug', 200, 0.0004);
    d.observe('GET', '/e/:slug', 200, 0.003);
    d.observe('GET', '/e/:slug', 200, 42);
    d.observe('POST', '/api/v1/events/:id/registrations', 201, 0.02);
    const text = await registry.metrics();
    const line = (s: string) => text.split('\n').find((l) => l.startsWith(s));
    const page = 'method="GET",route="/e/:slug",status_code="200"';
    expect(line(`http_request_duration_seconds_bucket{${page},le="0.001"}`)).toMatch(/ 1$/);
    expect(line(`http_request_duration_seconds_bucket{${page},le="0.005"}`)).toMatch(/ 2$/);
    expect(line(`http_request_duration_seconds_bucket{${page},le="10"}`)).toMatch(/ 2$/);
    expect(line(`http_request_duration_seconds_bucket{${page},le="+Inf"}`)).toMatch(/ 3$/);
    expect(line(`http_request_duration_seconds_count{${page}}`)).toMatch(/ 3$/);
    expect(Number(line(`http_request_duration_seconds_sum{${page}}`)!.split(' ')[1])).toBeCloseTo(42.0034, 6);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(
      line(
        'http_request_duration_seconds_count{method="POST",route="/api/v1/events/:id/registrations",status_code="201"}',
      ),
    ).toMatch(/ 1$/);
  });
});
