import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults to development on SQLite under ./data, port 8080, no trusted proxy', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'development',
      port: 8080,
      databaseUrl: undefined,
      trustProxy: [],
      accessTokenTtlSeconds: 3600,
      tokenCacheTtlMs: 1000,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads lists, URLs and numbers', () => {
    const config = loadConfig({
      PORT: '9000',
      ATLAS_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1/32',
      ATLAS_DATABASE_URL: 'postgres://db/atlas',
      ATLAS_PUBLIC_URL: 'https://api.example.com/',
    });
    expect(config).toMatchObject({
      port: 9000,
      trustProxy: ['10.0.0.0/8', '127.0.0.1/32'],
      databaseUrl: 'postgres://db/atlas',
      publicUrl: 'https://api.example.com',
    });
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => loadConfig({ ATLAS_MODE: 'staging' })).toThrow(/ATLAS_MODE/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ATLAS_DATABASE_URL: 'mysql://db' })).toThrow(/postgres/);
    expect(() => loadConfig({ ATLAS_URL_SIGNING_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('requires a shared URL-signing secret in production only', () => {
    expect(() => loadConfig({ ATLAS_MODE: 'production' })).toThrow(/ATLAS_URL_SIGNING_SECRET/);
    const secret = 'x'.repeat(40);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ATLAS_MODE: 'production', ATLAS_URL_SIGNING_SECRET: secret, ATLAS_ENCRYPTION_KEY: key }).urlSigningSecret?.toString()).toBe(secret);
    expect(loadConfig({}).urlSigningSecret).toBeUndefined();
  });

  it('requires a 32-byte encryption key in production only, read as base64 or hex', () => {
    const production = { ATLAS_MODE: 'production', ATLAS_URL_SIGNING_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig(production)).toThrow(/ATLAS_ENCRYPTION_KEY is required/);
    expect(() => loadConfig({ ...production, ATLAS_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes/);
    expect(loadConfig({ ...production, ATLAS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }).encryptionKey).toEqual(Buffer.alloc(32, 1));
    expect(loadConfig({ ATLAS_ENCRYPTION_KEY: 'ab'.repeat(32) }).encryptionKey).toEqual(Buffer.alloc(32, 0xab));
    expect(loadConfig({}).encryptionKey).toHaveLength(32);
  });
});
