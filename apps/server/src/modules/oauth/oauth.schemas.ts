import { Type } from 'typebox';

const NoStore = { 'Cache-Control': Type.Literal('no-store') };

export const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ description: 'client_credentials, password or refresh_token' }),
    scope: Type.Optional(Type.String({ description: '"default" or role names separated by spaces' })),
    username: Type.Optional(Type.String({ description: 'password grant: API Store username' })),
    password: Type.Optional(Type.String({ description: 'password grant: its password' })),
    refresh_token: Type.Optional(Type.String({ description: 'refresh_token grant' })),
    client_id: Type.Optional(Type.String({ description: 'consumer key, when not sent with HTTP Basic' })),
    client_secret: Type.Optional(Type.String({ description: 'consumer secret, when not sent with HTTP Basic' })),
  },
  { additionalProperties: true },
);

export const TokenResponse = Type.Object(
  {
    access_token: Type.String({ examples: ['atk_01kbzq7m3d8r2v6n4x5c9t0w1e.Zk9…'] }),
    token_type: Type.Literal('Bearer'),
    expires_in: Type.Integer({ examples: [3600] }),
    refresh_token: Type.Optional(Type.String({ description: 'password and refresh_token grants only; works once' })),
    scope: Type.String({ examples: ['default'] }),
  },
  { $id: 'TokenResponse' },
);

export const OAuthError = Type.Object(
  { error: Type.String({ examples: ['invalid_client'] }), error_description: Type.String() },
  { $id: 'OAuthError', description: 'RFC 6749 §5.2 error.' },
);

export const TokenOperationRequest = Type.Object(
  {
    token: Type.String(),
    token_type_hint: Type.Optional(Type.String({ description: 'access_token or refresh_token' })),
    client_id: Type.Optional(Type.String()),
    client_secret: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const IntrospectionResponse = Type.Object(
  {
    active: Type.Boolean(),
    scope: Type.Optional(Type.String()),
    client_id: Type.Optional(Type.String()),
    username: Type.Optional(Type.String()),
    token_type: Type.Optional(Type.String()),
    exp: Type.Optional(Type.Integer()),
    iat: Type.Optional(Type.Integer()),
    sub: Type.Optional(Type.String()),
    account_code: Type.Optional(Type.String()),
    environment: Type.Optional(Type.String()),
  },
  { $id: 'IntrospectionResponse' },
);

export const noStoreHeaders = NoStore;
export const FORM = 'application/x-www-form-urlencoded';
