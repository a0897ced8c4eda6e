import fc from 'fast-check';

/** The JSON Schema subset the generated OpenAPI documents use (TypeBox output, inlined: no $ref). */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minProperties?: number;
}

/** Long strings cost time and say little beyond the boundary itself: the generator caps lengths here… */
const LENGTH_CAP = 40;
/** …and arrays here, except where the schema demands more. */
const ITEMS_CAP = 4;

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true });

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Math.max(minLength, LENGTH_CAP);
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  if (schema.format === 'date-time') return isoDate.map((d) => d.toISOString());
  if (schema.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'email') return fc.emailAddress().filter(fits);
  if (schema.format === 'uri') return fc.webUrl().filter(fits);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  const cappedMax = Math.min(maxLength, Math.max(minLength, LENGTH_CAP));
  // Boundaries: the longest allowed string is a classic overflow spot, so it gets its own share of the runs.
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength: cappedMax, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(maxLength > 100_000 ? minLength : maxLength)) },
    { weight: 1, arbitrary: fc.constant('é'.repeat(minLength)) },
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : schema.minimum;
  const max = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : schema.maximum;
  const boundaries = [min, max].filter((v): v is number => v !== undefined);
  const inner = integer
    ? fc.integer({ min: Math.ceil(min ?? -1_000_000), max: Math.floor(max ?? 1_000_000) })
    : fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true });
  return boundaries.length > 0 ? fc.oneof({ weight: 3, arbitrary: inner }, { weight: 1, arbitrary: fc.constantFrom(...boundaries) }) : inner;
}

/** Values valid for `schema` (as far as the subset goes: a pattern plus length bounds may still be refused). */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(validValue));
  if (schema.allOf) return validValue(Object.assign({}, ...schema.allOf));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => validValue({ ...schema, type })));
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? ITEMS_CAP, Math.max(minLength, ITEMS_CAP));
      const items = validValue(schema.items ?? {});
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(property)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values of the wrong kind for almost any field: types, sizes and characters that break naive code. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', ' ', '\u0000', '\ud800', '💥'.repeat(3), 'a'.repeat(100_000), '../../etc/passwd'),
  fc.constantFrom("' OR 1=1 --", '<script>alert(1)</script>', '$' + '{jndi:ldap://x}', '%00', '\r\nX-Injected: 1', '__proto__', 'constructor'),
  fc.constantFrom([], {}, [null], { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

type Mutation = { path: string[]; kind: 'replace' | 'delete' | 'add'; value: unknown; key: string };

/** Every path to a value inside `value` (objects and arrays), the root included as []. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  const here = [prefix];
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) here.push(...pathsOf(child, [...prefix, key]));
  }
  return here;
}

function applyMutation(value: unknown, mutation: Mutation): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  if (mutation.path.length === 0) return mutation.kind === 'replace' ? mutation.value : copy;
  let parent: Record<string, unknown> = copy;
  for (const key of mutation.path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = mutation.path[mutation.path.length - 1] as string;
  if (mutation.kind === 'delete') delete parent[last];
  else if (mutation.kind === 'add' && parent[last] && typeof parent[last] === 'object')
    (parent[last] as Record<string, unknown>)[mutation.key] = mutation.value;
  else parent[last] = mutation.value;
  return copy;
}

/** A valid value with one part broken: a field removed, replaced by a hostile value, or an unknown field added. */
export function invalidValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  return validValue(schema).chain((valid) =>
    fc
      .record({
        path: fc.constantFrom(...pathsOf(valid)),
        kind: fc.constantFrom('replace', 'delete', 'add') as fc.Arbitrary<Mutation['kind']>,
        value: hostileValue,
        key: fc.constantFrom('unexpected', '__proto__', 'constructor', ''),
      })
      .map((mutation) => applyMutation(valid, mutation)),
  );
}
