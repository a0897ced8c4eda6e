import path from 'node:path';

export type AtlasMode = 'development' | 'production';

export interface AtlasConfig {
  mode: AtlasMode;
  host: string;
  port: number;
  /** Origin partners use to reach Atlas; derived from the request when unset. */
  publicUrl: string | undefined;
  dataDir: string;
  /** `postgres://…` for PostgreSQL; undefined means the embedded SQLite file under dataDir. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** CIDRs of proxies whose `X-Forwarded-For` is believed. Empty: the header is ignored. */
  trustProxy: string[];
  logLevel: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Token endpoint: requests per minute per client, and failed authentications per minute per IP. */
  tokenRequestsPerClientPerMinute: number;
  tokenFailuresPerIpPerMinute: number;
  /** How long a validated token stays in the in-process cache; bounds how late a revocation is seen by other nodes. */
  tokenCacheTtlMs: number;
  /** HMAC key for short-lived signed URLs (proctoring launch URLs); every node of a deployment needs the same. */
  urlSigningSecret: Buffer | undefined;
  /** AES-256 key (32 bytes) for secrets stored at rest (notification endpoint credentials and signing secrets). */
  encryptionKey: Buffer;
  /** Booking: how long a hold keeps its seat, how many live holds an account may have (anti-hoarding), and the online
   *  (ATLAS_REMOTE_PROCTORED) capacity per half hour, around the clock. */
  holdTtlSeconds: number;
  maxActiveHoldsPerAccount: number;
  onlineSeatsPerHalfHour: number;
  /** Folder of the packed SDK (`npm run build -w packages/sdk`), served at `/sdk/atlas-sdk.tgz`. */
  sdkPackDir: string;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Production needs a shared secret (many nodes); development may use one drawn per process. */
function signingSecret(env: NodeJS.ProcessEnv, mode: AtlasMode): Buffer | undefined {
  const raw = env.ATLAS_URL_SIGNING_SECRET;
  if (raw === undefined || raw === '') {
    if (mode === 'production') throw new ConfigError('ATLAS_URL_SIGNING_SECRET is required in production (32+ random characters, the same on every node)');
    return undefined;
  }
  if (raw.length < 32) throw new ConfigError('ATLAS_URL_SIGNING_SECRET must have at least 32 characters');
  return Buffer.from(raw, 'utf8');
}

/**
 * DEVELOPMENT ONLY: a fixed, public key so a local data directory survives restarts without configuration. Anything
 * encrypted with it is readable by anyone with this source code — production refuses to start without its own key.
 */
const DEVELOPMENT_ENCRYPTION_KEY = Buffer.from('atlas-development-only-key-NOT-SECRET!!'.slice(0, 32), 'utf8');

/** ATLAS_ENCRYPTION_KEY: 32 bytes as base64 (or 64 hex digits); the same on every node, required in production. */
function encryptionKey(env: NodeJS.ProcessEnv, mode: AtlasMode): Buffer {
  const raw = env.ATLAS_ENCRYPTION_KEY;
  if (raw === undefined || raw === '') {
    if (mode === 'production')
      throw new ConfigError('ATLAS_ENCRYPTION_KEY is required in production (32 random bytes as base64, e.g. `openssl rand -base64 32`)');
    return DEVELOPMENT_ENCRYPTION_KEY;
  }
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('ATLAS_ENCRYPTION_KEY must be 32 bytes as base64 (or 64 hex digits)');
  return key;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AtlasConfig {
  const mode = (env.ATLAS_MODE ?? 'development') as AtlasMode;
  if (mode !== 'development' && mode !== 'production') {
    throw new ConfigError(`ATLAS_MODE must be "development" or "production", got "${env.ATLAS_MODE}"`);
  }
  const databaseUrl = env.ATLAS_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('ATLAS_DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)');
  }
  return {
    mode,
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080),
    publicUrl: env.ATLAS_PUBLIC_URL?.replace(/\/$/, '') || undefined,
    dataDir: path.resolve(env.ATLAS_DATA_DIR ?? './data'),
    databaseUrl,
    redisUrl: env.ATLAS_REDIS_URL || undefined,
    trustProxy: list(env.ATLAS_TRUST_PROXY),
    logLevel: env.ATLAS_LOG_LEVEL ?? (mode === 'production' ? 'info' : 'info'),
    accessTokenTtlSeconds: integer(env, 'ATLAS_ACCESS_TOKEN_TTL_SECONDS', 3600),
    refreshTokenTtlSeconds: integer(env, 'ATLAS_REFRESH_TOKEN_TTL_SECONDS', 86_400),
    tokenRequestsPerClientPerMinute: integer(env, 'ATLAS_TOKEN_REQUESTS_PER_CLIENT_PER_MINUTE', 600),
    tokenFailuresPerIpPerMinute: integer(env, 'ATLAS_TOKEN_FAILURES_PER_IP_PER_MINUTE', 30),
    tokenCacheTtlMs: integer(env, 'ATLAS_TOKEN_CACHE_TTL_MS', 1000),
    urlSigningSecret: signingSecret(env, mode),
    encryptionKey: encryptionKey(env, mode),
    holdTtlSeconds: integer(env, 'ATLAS_HOLD_TTL_SECONDS', 600),
    maxActiveHoldsPerAccount: integer(env, 'ATLAS_MAX_ACTIVE_HOLDS_PER_ACCOUNT', 100),
    onlineSeatsPerHalfHour: integer(env, 'ATLAS_ONLINE_SEATS_PER_HALF_HOUR', 40),
    sdkPackDir: path.resolve(env.ATLAS_SDK_PACK_DIR ?? path.join(import.meta.dirname, '../../../packages/sdk/pack')),
  };
}
