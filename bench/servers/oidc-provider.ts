/**
 * P2 baseline: node-oidc-provider with the client_credentials grant, opaque access tokens (no resource indicators,
 * so no JWT), its default in-memory adapter, and one confidential client using client_secret_basic.
 * Introspection is enabled only so the runner can prove that an issued token is real before the load starts.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcInfo } from '../lib/protocol.ts';
import { runChild } from './child.ts';

runChild(async () => {
  const clientId = `bench-${randomBytes(6).toString('hex')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  // Signing keys are unused by opaque client_credentials tokens, but the provider wants some (else it warns about dev keys).
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench', alg: 'RS256', use: 'sig' };

  const provider = new Provider('http://127.0.0.1', {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    features: {
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      devInteractions: { enabled: false },
    },
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: { ClientCredentials: 3600 },
  });
  provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider server_error: ${String(error)}\n`));

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const info: OidcInfo = { tokenPath: '/token', introspectionPath: '/token/introspection', clientId, clientSecret };
  return {
    port: (server.address() as AddressInfo).port,
    info,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
});
