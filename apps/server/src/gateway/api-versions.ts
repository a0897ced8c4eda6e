import { type TObject, type TProperties, Type } from 'typebox';
import type { ApiVersion } from './route-config.ts';
import type { ServiceSlug } from './service-catalog.ts';

export interface ApiVersionRoute {
  version: ApiVersion;
  /** Path prefix: `/booking/v2` or `/booking/v1/accounts/:account_code`. */
  prefix: string;
  /** Path-parameter schema of the prefix, to merge into the route's `params`. */
  prefixParams: TProperties;
  /** operationId suffix: '' for v2, 'V1' for v1 (each version has its own document and SDK). */
  operationSuffix: string;
}

/** The v1 path's account code; anything but the caller's own answers the endpoint's "unknown account". */
export const ACCOUNT_CODE = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Your account code (v1 only; v2 takes it from the token).',
  examples: ['K7M2Q9XD'],
});

/**
 * v2 derives the account from the token; v1 takes it in the path. Services that PSI did not document register each
 * operation for both from one definition: `for (const api of apiVersions('booking')) app.get(`${api.prefix}/…`)`.
 */
export function apiVersions(service: ServiceSlug): ApiVersionRoute[] {
  return [
    { version: 'v2', prefix: `/${service}/v2`, prefixParams: {}, operationSuffix: '' },
    { version: 'v1', prefix: `/${service}/v1/accounts/:account_code`, prefixParams: { account_code: ACCOUNT_CODE }, operationSuffix: 'V1' },
  ];
}

/** Route params for a version: the prefix's parameters plus the operation's own. */
export function paramsFor(api: ApiVersionRoute, own: TProperties = {}): TObject {
  return Type.Object({ ...api.prefixParams, ...own });
}
