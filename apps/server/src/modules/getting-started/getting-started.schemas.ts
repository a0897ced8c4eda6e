import { Type } from 'typebox';

export const Ping = Type.Object(
  {
    status: Type.Literal('ok'),
    service: Type.Literal('getting-started'),
    time: Type.String({ format: 'date-time', description: 'Server time (UTC).' }),
    request_id: Type.String({ description: 'Quote it to support; also in the X-Request-Id header.' }),
  },
  { $id: 'GettingStartedPing', description: 'Connectivity check answer.' },
);

export const EchoRequest = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Any JSON object (64 KiB at most).',
  examples: [{ hello: 'atlas' }],
});

export const EchoResponse = Type.Object(
  {
    received: Type.Record(Type.String(), Type.Unknown(), { description: 'The JSON object you sent.' }),
    request_id: Type.String(),
  },
  { $id: 'GettingStartedEcho' },
);

export const WhoAmI = Type.Object(
  {
    account_code: Type.String({ examples: ['K7M2Q9XD'] }),
    account_name: Type.String(),
    application_id: Type.String({ examples: ['app_01jd9z4q5k8m3n7p2r6s4t0v1w'] }),
    application_name: Type.String(),
    environment: Type.Union([Type.Literal('production'), Type.Literal('sandbox')]),
    user: Type.Union([Type.String(), Type.Null()], { description: 'API Store username for a user token (password grant); null for an application token.' }),
    scope: Type.String(),
    roles: Type.Array(Type.String(), { description: "Roles the token may use: the account's roles narrowed by the scope." }),
    subscriptions: Type.Array(Type.Object({ service: Type.String(), tier: Type.String(), status: Type.String() })),
    throttling_tier: Type.String({ description: 'Tier of the application (applies to Getting Started).' }),
    token: Type.Object({
      issued_at: Type.String({ format: 'date-time' }),
      expires_at: Type.String({ format: 'date-time' }),
      expires_in: Type.Integer({ description: 'Seconds left.' }),
    }),
    client_ip: Type.String({ description: 'Your address as the gateway sees it (the one the IP allow-list checks).' }),
    ip_allow_list: Type.Array(Type.String()),
  },
  { $id: 'GettingStartedWhoAmI' },
);

export const UsageQuery = Type.Object({
  hours: Type.Integer({ minimum: 1, maximum: 720, default: 24, description: 'How far back to count (hours).' }),
});

export const UsageSummary = Type.Object(
  {
    environment: Type.String(),
    since: Type.String({ format: 'date-time' }),
    data: Type.Array(
      Type.Object({
        service: Type.String(),
        version: Type.String(),
        operation: Type.String(),
        status: Type.Integer(),
        requests: Type.Integer(),
        average_latency_ms: Type.Number(),
      }),
    ),
  },
  { $id: 'GettingStartedUsage', description: "Calls of this application in the token's environment (counted per minute, a few seconds behind)." },
);
