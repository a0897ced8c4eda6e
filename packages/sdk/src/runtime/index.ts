/** The runtime alone (client, tokens, errors, paging), without any service: bind your own routes with bindService. */
export * from './auth.js';
export * from './bind.js';
export * from './client.js';
export * from './errors.js';
export * from './operation-types.js';
export * from './retry.js';
export * from './route-spec.js';
