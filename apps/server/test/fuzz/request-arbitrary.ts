import fc from 'fast-check';
import type { Operation, Parameter } from './openapi-operations.ts';
import { hostileValue, invalidValue, type JsonSchema, validValue } from './schema-arbitrary.ts';

export interface FuzzCaller {
  accountCode: string;
  productionToken: string;
  sandboxToken: string;
  /** HTTP Basic header of the caller's production key, for the Token API. */
  clientBasic: string;
}

export interface FuzzRequest {
  kind: string;
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const BODY_LIMIT = 1024 * 1024;
const OVERSIZED = `{"padding":"${'x'.repeat(BODY_LIMIT + 16)}"}`;

/** Header values must stay printable ASCII: anything else is refused by the HTTP client before reaching the server. */
const printable = (value: unknown) =>
  String(value)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 200);

function stringified(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

function paramArbitrary(parameter: Parameter, caller: FuzzCaller, hostile: boolean): fc.Arbitrary<unknown> {
  if (parameter.name === 'account_code' && parameter.in === 'path') {
    // Mostly the caller's own account, so the operation itself runs; sometimes another or a nonsense one.
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant(caller.accountCode) },
      { weight: 1, arbitrary: validValue(parameter.schema) },
      { weight: 1, arbitrary: hostileValue },
    );
  }
  return hostile ? fc.oneof(validValue(parameter.schema), hostileValue) : validValue(parameter.schema);
}

/** Lone surrogates cannot be percent-encoded (encodeURIComponent throws): they become U+FFFD, as a browser sends them. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A broken percent-escape, sent raw: the router itself must refuse it in the documented shape. */
const BAD_ESCAPE = '%E0%A4%A';

function buildUrl(operation: Operation, values: Record<string, unknown>, badEscape: boolean): string {
  let url = operation.path;
  const firstPathParameter = operation.parameters.find((p) => p.in === 'path' && p.name !== 'account_code');
  if (badEscape && firstPathParameter) url = url.replace(`{${firstPathParameter.name}}`, BAD_ESCAPE);
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    const value = values[`${parameter.in}:${parameter.name}`];
    if (value === undefined) continue;
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(wellFormed(stringified(value))));
    if (parameter.in === 'query') {
      for (const item of Array.isArray(value) ? value : [value]) query.append(parameter.name, stringified(item));
    }
  }
  // A path parameter the generator left out still needs a segment.
  url = url.replace(/\{[^}]+\}/g, 'MISSING');
  const search = query.toString();
  return search ? `${url}?${search}` : url;
}

function parametersArbitrary(operation: Operation, caller: FuzzCaller, hostile: boolean): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const parameter of operation.parameters) {
    const key = `${parameter.in}:${parameter.name}`;
    model[key] = paramArbitrary(parameter, caller, hostile);
    if (parameter.required || parameter.in === 'path') required.push(key);
  }
  return fc.record(model, { requiredKeys: required });
}

type Body = { kind: string; contentType?: string; payload?: string | Buffer };

function encodeBody(operation: Operation, value: unknown): string {
  if (operation.body?.contentType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) form.append(k, stringified(v));
    return form.toString();
  }
  return JSON.stringify(value) ?? '';
}

function bodyArbitrary(operation: Operation): fc.Arbitrary<Body> {
  const schema: JsonSchema = operation.body?.schema ?? {};
  const contentType = operation.body?.contentType ?? 'application/json';
  const as = (kind: string, value: fc.Arbitrary<unknown>) => value.map((v): Body => ({ kind, contentType, payload: encodeBody(operation, v) }));
  const raw = (kind: string, payloads: fc.Arbitrary<string | Buffer>, type = contentType) =>
    payloads.map((payload): Body => ({ kind, contentType: type, payload }));
  return fc.oneof(
    { weight: 6, arbitrary: as('valid body', validValue(schema)) },
    { weight: 6, arbitrary: as('one field broken', invalidValue(schema)) },
    { weight: 2, arbitrary: as('random JSON', fc.jsonValue({ maxDepth: 3 })) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'no body' }) },
    { weight: 1, arbitrary: raw('empty body', fc.constant('')) },
    {
      weight: 2,
      arbitrary: raw(
        'malformed JSON',
        validValue(schema).map((v) => JSON.stringify(v).slice(0, -1) || '{'),
      ),
    },
    { weight: 1, arbitrary: raw('deeply nested JSON', fc.constantFrom('['.repeat(20_000), `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)) },
    { weight: 1, arbitrary: raw('oversized body', fc.constant(OVERSIZED)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          validValue(schema),
          fc.constantFrom(
            'text/plain',
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/json; charset=utf-16',
            'application/x-www-form-urlencoded',
            'application/json',
          ),
        )
        .map(([v, type]): Body => ({ kind: `content type ${type}`, contentType: type, payload: type.includes('json') ? JSON.stringify(v) : 'a=1&b=2' })),
    },
    {
      weight: 2,
      arbitrary: validValue(schema).chain((v) =>
        fc.constantFrom<Body>(
          {
            kind: 'invalid UTF-8',
            contentType,
            payload: Buffer.concat([Buffer.from(encodeBody(operation, v).slice(0, 5)), Buffer.from([0xc3, 0x28, 0xff, 0xfe])]),
          },
          { kind: 'byte-order mark', contentType, payload: `\ufeff${encodeBody(operation, v)}` },
          { kind: 'UTF-16 bytes', contentType, payload: Buffer.from(encodeBody(operation, v), 'utf16le') },
          { kind: 'NUL bytes', contentType, payload: `${encodeBody(operation, v)}\u0000\u0000` },
        ),
      ),
    },
  );
}

function authArbitrary(operation: Operation, caller: FuzzCaller): fc.Arbitrary<{ kind: string; headers: Record<string, string> }> {
  if (operation.errorShape === 'oauth') {
    return fc.constantFrom<{ kind: string; headers: Record<string, string> }>(
      { kind: 'client key', headers: { authorization: caller.clientBasic } },
      { kind: 'client key', headers: { authorization: caller.clientBasic } },
      { kind: 'no client authentication', headers: {} },
      { kind: 'garbage basic', headers: { authorization: 'Basic !!!not-base64' } },
      { kind: 'bearer on token API', headers: { authorization: `Bearer ${caller.productionToken}` } },
    );
  }
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant({ kind: 'production token', headers: { authorization: `Bearer ${caller.productionToken}` } }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'sandbox token', headers: { authorization: `Bearer ${caller.sandboxToken}` } }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'no token', headers: {} }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((s) => ({ kind: 'garbage token', headers: { authorization: `Bearer ${printable(s)}` } })) },
  );
}

/** Requests for one operation: valid, boundary and broken parameters and bodies, under valid and invalid credentials. */
export function requestArbitrary(operation: Operation, caller: FuzzCaller): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.boolean(),
      authArbitrary(operation, caller),
      fc.option(bodyArbitrary(operation), { nil: undefined, freq: operation.body ? 10 : 1 }),
      fc.integer({ min: 0, max: 19 }).map((n) => n === 0), // one request in twenty carries a broken percent-escape
    )
    .chain(([hostileParams, auth, body, badEscape]) =>
      parametersArbitrary(operation, caller, hostileParams).map((values): FuzzRequest => {
        const headers: Record<string, string> = { ...auth.headers };
        for (const parameter of operation.parameters) {
          const value = values[`header:${parameter.name}`];
          if (parameter.in === 'header' && value !== undefined) headers[parameter.name] = printable(stringified(value)) || 'k';
        }
        if (body?.contentType && body.payload !== undefined) headers['content-type'] = body.contentType;
        const kind = [badEscape ? 'broken %-escape' : hostileParams ? 'hostile params' : 'schema params', auth.kind, body?.kind ?? 'no body'].join(', ');
        const url = buildUrl(operation, values, badEscape);
        const request: FuzzRequest = { kind, method: operation.method, url, headers, ...(body?.payload !== undefined ? { payload: body.payload } : {}) };
        // fast-check prints counterexamples with this: keep megabyte bodies and long URLs out of the report.
        return Object.assign(request, {
          [fc.toStringMethod]: () => `${kind}: ${operation.method} ${url.slice(0, 200)} ${String(request.payload ?? '').slice(0, 200)}`,
        });
      }),
    );
}
