import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner } from '../factories/partner.ts';
import { basic, createTestApp, DIALECTS, type TestApp } from '../harness.ts';
import { type ErrorShape, loadOperations } from './openapi-operations.ts';
import { type FuzzCaller, type FuzzRequest, requestArbitrary } from './request-arbitrary.ts';
import { changedTables, rowCounts, tableNames } from './row-counts.ts';

/**
 * R5 of targets.md: schema-driven fuzzing of every operation of every committed OpenAPI document. Each request is
 * generated from the operation's own schemas (valid, boundary and broken values, hostile strings, malformed,
 * oversized and oddly encoded bodies, wrong content types, missing or foreign credentials). Every answer must be
 * below 500; every 4xx must have the documented error shape; and a refused request must not change any table's row
 * count. Seeded and bounded: FUZZ_RUNS per operation (default 50 on SQLite, 12 on PostgreSQL).
 */
const OPERATIONS = loadOperations();
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_501);
const RUNS: Record<string, number> = { sqlite: Number(process.env.FUZZ_RUNS ?? 50), postgres: Number(process.env.FUZZ_RUNS ?? 12) };
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function shapeProblems(shape: ErrorShape, response: LightMyRequestResponse): string[] {
  let body: Record<string, unknown>;
  try {
    body = response.json();
  } catch {
    return [`4xx body is not JSON: ${response.body.slice(0, 200)}`];
  }
  const problems: string[] = [];
  const type = String(response.headers['content-type'] ?? '');
  const str = (field: string) => typeof body[field] === 'string' && (body[field] as string).length > 0;
  if (shape === 'problem') {
    if (!type.startsWith('application/problem+json')) problems.push(`content-type ${type}, not application/problem+json`);
    for (const field of ['type', 'title', 'detail', 'request_id']) if (!str(field)) problems.push(`problem without ${field}`);
    if (body.status !== response.statusCode) problems.push(`problem status ${body.status} ≠ ${response.statusCode}`);
    if (!UPPER_SNAKE.test(String(body.code))) problems.push(`problem code ${body.code} is not UPPER_SNAKE`);
    if (
      body.errors !== undefined &&
      !(Array.isArray(body.errors) && body.errors.every((e) => typeof e?.pointer === 'string' && typeof e?.message === 'string'))
    )
      problems.push('problem errors[] not {pointer, message}');
  } else {
    if (!type.startsWith('application/json')) problems.push(`content-type ${type}, not application/json`);
    if (!str('error') || !str('error_description')) problems.push(`${shape} error without error/error_description: ${response.body.slice(0, 200)}`);
    if (shape === 'oauth' && !/^[a-z_]+$/.test(String(body.error))) problems.push(`RFC 6749 error code ${body.error}`);
  }
  return problems;
}

function describeFailure(request: FuzzRequest, response: LightMyRequestResponse, problems: string[]): string {
  const payload = request.payload === undefined ? '' : String(request.payload).slice(0, 300);
  return `${problems.join('; ')}\n  ${request.kind}\n  ${request.method} ${request.url.slice(0, 300)}\n  ${JSON.stringify(request.headers)}\n  ${payload}\n  → ${response.statusCode} ${response.body.slice(0, 400)}`;
}

describe.each(DIALECTS)('R5 fuzzing of every documented operation (%s)', (dialect) => {
  let t: TestApp;
  let caller: FuzzCaller;
  let tables: string[];
  let baseline: Record<string, number>;
  /** Statuses seen per operation: proof that the generated requests reach the handlers, not only the gateway. */
  const seen = new Map<string, Set<number>>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const partner = await insertPartner(t, { tier: 'Unlimited' });
    caller = {
      accountCode: partner.accountCode,
      productionToken: await applicationToken(t, partner.production),
      sandboxToken: await applicationToken(t, partner.sandbox),
      clientBasic: basic(partner.production.consumer_key, partner.production.consumer_secret),
    };
    tables = await tableNames(t.database, dialect);
    baseline = await rowCounts(t.database, tables);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds every committed document and operation', () => {
    expect(OPERATIONS.length).toBeGreaterThan(50);
    expect(new Set(OPERATIONS.map((o) => o.operationId)).size).toBe(OPERATIONS.length);
  });

  it.each(OPERATIONS.map((o) => [`${o.operationId} (${o.method} ${o.path})`, o] as const))('%s', async (_name, operation) => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(operation, caller), async (request) => {
        const response = await t.app.inject({ method: request.method, url: request.url, headers: request.headers, payload: request.payload });
        const after = await rowCounts(t.database, tables);
        seen.set(operation.operationId, (seen.get(operation.operationId) ?? new Set()).add(response.statusCode));
        const problems: string[] = [];
        if (response.statusCode >= 500) problems.push(`answered ${response.statusCode}`);
        if (response.statusCode >= 400 && response.statusCode < 500) {
          problems.push(...shapeProblems(operation.errorShape, response));
          const changed = changedTables(baseline, after);
          if (changed.length > 0) problems.push(`refused, yet rows changed: ${changed.join(', ')}`);
        }
        baseline = after;
        if (problems.length > 0) throw new Error(describeFailure(request, response, problems));
      }),
      { seed: SEED, numRuns: RUNS[dialect], endOnFailure: true },
    );
  });

  it('reached past the gateway: schema validation refused bodies, and handlers answered', () => {
    const withBody = OPERATIONS.filter((o) => o.body);
    const validated = withBody.filter((o) => seen.get(o.operationId)?.has(400));
    const handled = OPERATIONS.filter((o) => [...(seen.get(o.operationId) ?? [])].some((s) => s < 300 || s === 404 || s === 409 || s === 422));
    console.info(
      `R5 ${dialect}: ${validated.length}/${withBody.length} operations with a body saw a 400; ${handled.length}/${OPERATIONS.length} saw a handler answer (2xx/404/409/422)`,
    );
    expect(validated.length).toBeGreaterThanOrEqual(withBody.length * 0.9);
    expect(handled.length).toBeGreaterThanOrEqual(OPERATIONS.length * 0.5);
  });
});
