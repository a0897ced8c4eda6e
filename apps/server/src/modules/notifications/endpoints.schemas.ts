/** Wire shapes of the Notifications API endpoints resource. */
import { Type } from 'typebox';
import { Timestamp } from '../../platform/common-schemas.ts';
import { PageQuery } from '../../platform/paging.ts';

const ENDPOINT_ID = 'whk_01jd9z4q5k8m3n7p2r6s4t0v1w';

export const OutboundServiceSchema = Type.Union(
  [
    Type.Literal('test-center-notification'),
    Type.Literal('booking-notification'),
    Type.Literal('proctoring-results'),
    Type.Literal('proctoring-results-notification'),
    Type.Literal('assessment-results'),
    Type.Literal('assessment-results-notification'),
  ],
  { description: 'The outbound service this endpoint receives (see the services list of the Notifications guide).', examples: ['booking-notification'] },
);

const Url = Type.String({
  minLength: 8,
  maxLength: 2048,
  description: 'Where Atlas sends the events: https, on a public address (http and loopback are accepted in development only).',
  examples: ['https://hooks.example.com/atlas/bookings'],
});

const Format = Type.Union([Type.Literal('v2'), Type.Literal('psi-v1')], {
  description: '`v2` (Standard Webhooks envelope, POST) or `psi-v1` (the PSI NotificationRequest body, PUT; booking-notification only).',
});

const Events = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: 32,
  uniqueItems: true,
  description: "Only these event types are delivered (each one of the service's types); omit or null for all.",
  examples: [['booking.created', 'booking.cancelled']],
});

// No `additionalProperties: false` on the members: Fastify's Ajv would strip `token` while trying the basic branch.
export const AuthInput = Type.Union(
  [
    Type.Object({
      type: Type.Literal('basic'),
      username: Type.String({ minLength: 1, maxLength: 200 }),
      password: Type.String({ minLength: 1, maxLength: 500 }),
    }),
    Type.Object({ type: Type.Literal('bearer'), token: Type.String({ minLength: 1, maxLength: 4000 }) }),
  ],
  {
    description: 'Credentials your receiver requires, sent on every call (HTTP Basic or a bearer token). Stored encrypted, never shown again.',
    examples: [{ type: 'basic', username: 'atlas', password: 'receiver-password' }],
  },
);

export const CreateEndpointBody = Type.Object(
  {
    service: OutboundServiceSchema,
    url: Url,
    auth: Type.Optional(AuthInput),
    events: Type.Optional(Events),
    format: Type.Optional({ ...Format, default: 'v2' }),
  },
  { additionalProperties: false },
);

export const UpdateEndpointBody = Type.Object(
  {
    url: Type.Optional(Url),
    auth: Type.Optional(Type.Union([AuthInput, Type.Null()], { description: 'New receiver credentials; null removes them.' })),
    events: Type.Optional(Type.Union([Events, Type.Null()], { description: 'New event filter; null delivers every type.' })),
    format: Type.Optional(Format),
    enabled: Type.Optional(
      Type.Boolean({
        description:
          'false stops deliveries: those already queued wait and flow again once enabled; events that occur while disabled are not sent to it. true resumes.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ enabled: false }] },
);

export const RotateSecretBody = Type.Object(
  {
    overlap_seconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 604_800,
        default: 86_400,
        description: 'How long the previous secret keeps signing alongside the new one (0–7 days, default 24 h).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Endpoint = Type.Object(
  {
    endpoint_id: Type.String({ examples: [ENDPOINT_ID] }),
    service: OutboundServiceSchema,
    url: Url,
    auth: Type.Union([Type.Object({ type: Type.Literal('basic'), username: Type.String() }), Type.Object({ type: Type.Literal('bearer') }), Type.Null()], {
      description: 'The kind of credentials sent (the password or token is never shown); null for none.',
    }),
    events: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'Event filter; null: every type of the service.' }),
    format: Format,
    enabled: Type.Boolean(),
    disabled_reason: Type.Union([Type.String(), Type.Null()], {
      description: '`partner` when you disabled it, `gone` after your receiver answered 410, `failing` after 5 days of failed attempts; null while enabled.',
    }),
    previous_secret_expires_at: Type.Union([Timestamp, Type.Null()], {
      description: 'During a rotation: until when the previous secret also signs (both signatures are sent). Null otherwise.',
    }),
    version: Type.Integer({ minimum: 1 }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { description: 'A receiver of one outbound service in the environment of your token.' },
);

const SigningSecret = Type.String({
  description: 'The Standard Webhooks secret (`whsec_` + base64) that signs every call. Shown only in this answer: store it now.',
  examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
});

export const EndpointWithSecret = Type.Object({ ...Endpoint.properties, signing_secret: SigningSecret });

export const EndpointPage = Type.Object({
  data: Type.Array(Endpoint),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass it as `cursor` for the next page; null on the last page.' }),
});

export const ListEndpointsQuery = Type.Object({ ...PageQuery, service: Type.Optional(OutboundServiceSchema) });

export const EndpointIdParams = Type.Object({ endpoint_id: Type.String({ minLength: 1, maxLength: 64, examples: [ENDPOINT_ID] }) });
