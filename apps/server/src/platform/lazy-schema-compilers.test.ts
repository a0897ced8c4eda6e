import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from './lazy-schema-compilers.ts';

/** A bare Fastify app with the deferred compilers and the same Ajv option as Atlas (app.ts). */
function appWithLazyCompilers() {
  const compilers = lazySchemaCompilers();
  const app = Fastify({ schemaController: { compilersFactory: compilers.compilersFactory }, ajv: { customOptions: { allErrors: true } } });
  return { app, compilers };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('lazySchemaCompilers', () => {
  it('validates, coerces and fills defaults like the eager compilers, with the errors Fastify reports', async () => {
    const { app } = appWithLazyCompilers();
    close = () => app.close();
    app.get(
      '/count',
      { schema: { querystring: { type: 'object', properties: { n: { type: 'integer', minimum: 1, default: 5 } }, additionalProperties: false } } },
      async (request) => ({ n: (request.query as { n: number }).n }),
    );
    await app.ready();

    expect((await app.inject({ url: '/count?n=7' })).json()).toEqual({ n: 7 });
    expect((await app.inject({ url: '/count' })).json()).toEqual({ n: 5 });
    const refused = await app.inject({ url: '/count?n=0' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe('querystring/n must be >= 1');
  });

  it('lets Ajv replace a coerced root value (Fastify passes the parent object when the validator has a schemaEnv)', async () => {
    const { app } = appWithLazyCompilers();
    close = () => app.close();
    app.post('/root', { schema: { body: { type: 'array', items: { type: 'integer' } } } }, async (request) => ({ body: request.body }));
    await app.ready();

    // Fastify's Ajv coerces a scalar to a one-element array ("coerceTypes: 'array'"): only possible at the root with the parent.
    const response = await app.inject({ method: 'POST', url: '/root', payload: '5', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ body: [5] });
  });

  it('serialises answers through the response schema (unlisted properties are dropped)', async () => {
    const { app } = appWithLazyCompilers();
    close = () => app.close();
    app.get('/shape', { schema: { response: { 200: { type: 'object', properties: { shown: { type: 'string' } } } } } }, async () => ({
      shown: 'yes',
      secret: 'never serialised',
    }));
    await app.ready();

    expect((await app.inject({ url: '/shape' })).body).toBe('{"shown":"yes"}');
  });

  it('compiles nothing before it is needed, and warmUp compiles the rest and reports a schema that cannot compile', async () => {
    const { app, compilers } = appWithLazyCompilers();
    close = () => app.close();
    app.get('/fine', { schema: { querystring: { type: 'object', properties: { q: { type: 'string' } } } } }, async () => ({ ok: true }));
    // An unknown keyword makes Ajv's strict mode refuse the schema; eager compilers would fail ready().
    app.get('/broken', { schema: { querystring: { type: 'object', notAKeyword: true } } }, async () => ({ ok: true }));
    await app.ready();

    expect((await app.inject({ url: '/fine?q=x' })).statusCode).toBe(200);
    const errors: unknown[] = [];
    await compilers.warmUp((error) => errors.push(error));
    // One for GET /broken, one for the HEAD route Fastify adds beside it.
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(String(error)).toContain('notAKeyword');
    expect((await app.inject({ url: '/broken' })).statusCode).toBe(500);
    expect((await app.inject({ url: '/fine?q=y' })).statusCode).toBe(200);
  });

  it('refuses, when the route is registered, a headers schema naming a header in upper case (it would never match)', async () => {
    const { app } = appWithLazyCompilers();
    close = () => app.close();
    app.get('/key', { schema: { headers: { type: 'object', properties: { 'Idempotency-Key': { type: 'string' } } } } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow('GET /key: name header "Idempotency-Key" in lower case');
  });
});
