import fs from 'node:fs';
import path from 'node:path';
import type { JsonSchema } from './schema-arbitrary.ts';

/**
 * Every operation of every committed OpenAPI document (apps/server/openapi/*.json). Operations added on other
 * branches are fuzzed as soon as their document is committed: nothing here lists them by hand.
 */
export const OPENAPI_DIR = path.resolve(import.meta.dirname, '../../openapi');

/** How a 4xx must look: RFC 9457 problem (v2), the PSI model (v1), RFC 6749 §5.2 (Token API). */
export type ErrorShape = 'problem' | 'psi' | 'oauth';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  document: string;
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path template, e.g. `/vouchers/v1/accounts/{account_code}/batches/{batch_id}`. */
  path: string;
  parameters: Parameter[];
  body: { required: boolean; contentType: string; schema: JsonSchema } | undefined;
  errorShape: ErrorShape;
  /** Documented statuses (`'404'`, `'4XX'`…). */
  statuses: string[];
  /** True when the operation declares bearer security (a token is needed). */
  secured: boolean;
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

export function loadOperations(dir = OPENAPI_DIR): Operation[] {
  const operations: Operation[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const document = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { paths: Record<string, Record<string, RawOperation>>; security?: unknown[] };
    const name = file.replace(/\.json$/, '');
    const errorShape: ErrorShape = name.startsWith('token.') ? 'oauth' : name.endsWith('.v1') ? 'psi' : 'problem';
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const [method, raw] of Object.entries(methods)) {
        const content = Object.entries(raw.requestBody?.content ?? {})[0];
        operations.push({
          document: name,
          operationId: raw.operationId,
          method: method.toUpperCase() as Operation['method'],
          path: template,
          parameters: raw.parameters ?? [],
          body: content ? { required: raw.requestBody?.required ?? false, contentType: content[0], schema: content[1].schema } : undefined,
          errorShape,
          statuses: Object.keys(raw.responses),
          secured: (raw.security ?? document.security ?? []).length > 0,
        });
      }
    }
  }
  return operations;
}
