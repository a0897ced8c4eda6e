import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorRoute = Parameters<ReturnType<ReturnType<typeof ValidatorSelector>>>[0];
type SerializerRoute = Parameters<ReturnType<ReturnType<typeof SerializerSelector>>>[0];
/** An Ajv validator as Fastify calls it: the data, and the parent object when the validator has a `schemaEnv`. */
type Validate = ((data: unknown, parent?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };

export interface LazySchemaCompilers {
  /** For `Fastify({ schemaController: { compilersFactory } })`. */
  compilersFactory: CompilersFactory;
  /**
   * Compiles, a few at a time between event-loop turns, every schema not compiled yet, so that the first calls after
   * start-up don't pay for it. Resolves when all are compiled; a schema that fails to compile is reported to `onError`
   * (and fails again, as a 500, on the request that needs it).
   */
  warmUp(onError: (error: unknown) => void): Promise<void>;
}

/** A function of no arguments run at most once: its first result (or error) is kept. */
function once<T>(run: () => T): () => T {
  let state: { value: T } | { error: unknown } | undefined;
  return () => {
    if (!state) {
      try {
        state = { value: run() };
      } catch (error) {
        state = { error };
      }
    }
    if ('error' in state) throw state.error;
    return state.value;
  };
}

function refuseUpperCaseHeaderNames(route: ValidatorRoute): void {
  const schema = route.schema as { properties?: object; required?: string[] } | undefined;
  const names = [...Object.keys(schema?.properties ?? {}), ...(schema?.required ?? [])];
  const wrong = names.find((name) => name !== name.toLowerCase());
  if (wrong) throw new Error(`${route.method} ${route.url}: name header "${wrong}" in lower case in its headers schema`);
}

/**
 * Fastify's own compilers (Ajv for validation, fast-json-stringify for answers), deferred: each route's validator and
 * serialiser is compiled when a request first needs it, or by `warmUp`, instead of at `ready()`. Compiling the ~300
 * schemas of every route took ~0.7 s of each start (BENCHMARKS.md, P6). The compiled functions are the same ones, and
 * the wrapper passes on what Fastify reads from an Ajv validator: its arguments, `errors` and `schemaEnv`.
 *
 * Fastify treats compilers passed this way as custom, and then compiles a `headers` schema as written instead of with
 * its names lower-cased (Node lower-cases the request's): a headers schema naming a header in another case is refused
 * when its route is registered, rather than never matching.
 */
export function lazySchemaCompilers(): LazySchemaCompilers {
  const buildValidator = ValidatorSelector();
  const buildSerializer = SerializerSelector();
  const pending: (() => unknown)[] = [];

  const compilersFactory: CompilersFactory = {
    buildValidator: (externalSchemas, ajvOptions) => {
      const compile = buildValidator(externalSchemas as never, ajvOptions as never);
      return (route: ValidatorRoute) => {
        if (route.httpPart === 'headers') refuseUpperCaseHeaderNames(route);
        const compiled = once(() => compile(route) as Validate);
        pending.push(compiled);
        // Runs on every validated request: fixed parameters, no spread.
        const validate: Validate = (data, parent) => {
          const fn = compiled();
          const result = fn(data, parent);
          validate.errors = fn.errors;
          return result;
        };
        // Fastify hands an Ajv validator its parent object (so Ajv may replace a coerced root value): read first.
        Object.defineProperty(validate, 'schemaEnv', { get: () => compiled().schemaEnv });
        return validate as never;
      };
    },
    buildSerializer: (externalSchemas, serializerOptions) => {
      const compile = buildSerializer(externalSchemas, serializerOptions as never);
      return (route: SerializerRoute) => {
        const compiled = once(() => compile(route));
        pending.push(compiled);
        return (data: unknown) => compiled()(data);
      };
    },
  };

  async function warmUp(onError: (error: unknown) => void): Promise<void> {
    const SLICE = 8;
    while (pending.length > 0) {
      for (const compile of pending.splice(0, SLICE)) {
        try {
          compile();
        } catch (error) {
          onError(error);
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return { compilersFactory, warmUp };
}
