/** The little of OpenAPI 3.1 the Try it console needs: operations, their parameters and an example body. */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: { type?: string; example?: unknown; examples?: unknown[]; default?: unknown; enum?: unknown[] };
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string;
  parameters: Parameter[];
  bodyExample?: string;
}

interface Document {
  paths?: Record<
    string,
    Record<
      string,
      { operationId?: string; summary?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> } }
    >
  >;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(doc: Document, schema: unknown): Record<string, unknown> | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) return resolve(doc, doc.components?.schemas?.[ref.split('/').pop() as string]);
  return schema as Record<string, unknown>;
}

/** An example body built from the schema's examples/defaults (required fields first), so the console starts useful. */
function exampleOf(doc: Document, schema: unknown, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 5) return undefined;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const [key, value] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
      if (!required.has(key) && depth > 0) continue;
      const example = exampleOf(doc, value, depth + 1);
      if (example !== undefined) out[key] = example;
    }
    return out;
  }
  if (type === 'array') {
    const item = exampleOf(doc, s.items, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (type === 'string') return '';
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  return undefined;
}

export function operationsOf(doc: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const json = op.requestBody?.content?.['application/json'];
      const example = json ? (json.example ?? exampleOf(doc, json.schema)) : undefined;
      operations.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        parameters: (op.parameters ?? []).filter(
          (p) => p.in === 'path' || p.in === 'query' || (p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
        ),
        bodyExample: example === undefined ? undefined : JSON.stringify(example, null, 2),
      });
    }
  }
  return operations;
}

export function defaultValue(p: Parameter): string {
  const value = p.schema?.example ?? p.schema?.examples?.[0] ?? p.schema?.default;
  return value === undefined ? '' : String(value);
}
