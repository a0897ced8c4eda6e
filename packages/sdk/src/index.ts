/**
 * @atlas/sdk — the TypeScript client of the Atlas partner API.
 *
 * Create one {@link AtlasClient} per environment, then bind the services you use:
 * `gettingStartedV2(client).ping()`, `eligibilityV2(client).createEligibility({ body })`, … Each service is also its
 * own entry point (`@atlas/sdk/booking`) so bundles carry only what they import. Webhook verification lives in
 * `@atlas/sdk/webhooks` (and is re-exported here).
 * @packageDocumentation
 */

export * from './generated/services/index.js';
export type { AtlasAuth, ClientCredentialsAuth, PasswordAuth, StaticTokenAuth, TokenResponse } from './runtime/auth.js';
export { TokenManager } from './runtime/auth.js';
export { type OperationMethod, type PagedMethod, paginate, type ServiceClient } from './runtime/bind.js';
export { AtlasClient, type AtlasClientOptions, type AtlasEnvironment, createAtlasClient, LOCAL_BASE_URL, type RequestInput } from './runtime/client.js';
export {
  AtlasError,
  AtlasHttpError,
  AtlasNetworkError,
  AtlasProblemError,
  AtlasTimeoutError,
  OAuthError,
  type OAuthErrorCode,
  type ProblemDetails,
  type ProblemFieldError,
  PsiApiError,
} from './runtime/errors.js';
export type { ArgsOf, BodyOf, CallOptions, ItemOf, Page, ParamsOf, ResultOf } from './runtime/operation-types.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './runtime/retry.js';
export type { RouteSpec } from './runtime/route-spec.js';
export * from './webhooks/index.js';
