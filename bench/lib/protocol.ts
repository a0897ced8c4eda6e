/** Messages between the benchmark runner and its server child processes (over Node's IPC channel). */

export interface CpuSample {
  /** process.cpuUsage() of the server, in microseconds. */
  userUs: number;
  systemUs: number;
  /** performance.now() of the server, in milliseconds. */
  wallMs: number;
  rssBytes: number;
}

export type ChildMessage =
  | { type: 'ready'; port: number; info: unknown }
  | { type: 'cpu'; id: number; sample: CpuSample }
  | { type: 'fatal'; message: string }
  | { type: 'profile'; id: number; file: string | undefined; error: string | undefined };

export type ParentMessage =
  | { type: 'cpu'; id: number }
  | { type: 'stop' }
  /** Start the V8 sampling profiler, or stop it and write the profile to `file`. */
  | { type: 'profile'; id: number; action: 'start' }
  | { type: 'profile'; id: number; action: 'stop'; file: string };

/** What the runner passes to the Atlas server child (as JSON in ATLAS_BENCH_OPTIONS). */
export interface AtlasServerOptions {
  dataDir: string;
  logLevel: string;
  tokenRequestsPerClientPerMinute: number;
  /** Registers the breakdown's probe routes (see bench/breakdown.ts); off for P1 and P2. */
  probes?: boolean;
}

/** Probe routes of the breakdown, each adding one layer of what whoami does. */
export const PROBES = {
  /** No gateway: Fastify plus Atlas's global hooks (request id, error handling, metrics, access log). */
  static: '/bench/static',
  /** Gateway stages 3–7 (token cache, IP allow-list, role/subscription, throttle) plus the usage record; no database. */
  gateway: '/getting-started/v2/bench-gateway',
  /** The gateway plus the one-row read whoami makes, through Kysely (as the app does it). */
  gatewayRow: '/getting-started/v2/bench-gateway-row',
  /** The same read through Kysely on a second connection whose `prepare` is memoised (Kysely's driver prepares every time). */
  gatewayRowKyselyCached: '/getting-started/v2/bench-gateway-row-kysely-cached',
  /** The same read with a cached better-sqlite3 prepared statement on a second connection, no Kysely. */
  gatewayRowPrepared: '/getting-started/v2/bench-gateway-row-prepared',
} as const;

/** What the probe routes answer (the same small JSON as the bare Fastify baseline). */
export const PROBE_BODY = '{"hello":"world","service":"bare-fastify"}';

/** What the Atlas server child reports once it listens. */
export interface AtlasInfo {
  sqliteFile: string;
  accountCode: string;
  applicationId: string;
  tier: string;
  consumerKey: string;
  consumerSecret: string;
  config: { logLevel: string; tokenRequestsPerClientPerMinute: number; tokenCacheTtlMs: number; accessTokenTtlSeconds: number };
}

/** What the oidc-provider child reports once it listens. */
export interface OidcInfo {
  tokenPath: string;
  introspectionPath: string;
  clientId: string;
  clientSecret: string;
}

/** What bench/servers/minimal-gateway.ts leaves out, to show what each part of a whoami costs at the floor. */
export interface MinimalGatewayOptions {
  /** One pino access-log line per request (as Atlas writes). */
  accessLog: boolean;
  /** `whoami`: the 1.5 KB whoami body through its schema; `row`: only the row read (~130 bytes). */
  body: 'whoami' | 'row';
}
