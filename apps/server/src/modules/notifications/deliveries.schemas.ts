/** Wire shapes of deliveries, the error queue, resends and the endpoint test event. */
import { Type } from 'typebox';
import { Timestamp } from '../../platform/common-schemas.ts';
import { PageQuery } from '../../platform/paging.ts';
import { OutboundServiceSchema } from './endpoints.schemas.ts';

const DELIVERY_ID = 'dlv_01jd9z4q5k8m3n7p2r6s4t0v1w';
const JOB_ID = 'rsj_01jd9z4q5k8m3n7p2r6s4t0v1w';

export const DeliveryStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], {
  description:
    '`pending`: being attempted (see `next_attempt_at`); `delivered`: a 2xx answer; `failed`: the error queue (attempts exhausted, 410, or not renderable).',
});

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

export const Delivery = Type.Object(
  {
    delivery_id: Type.String({ examples: [DELIVERY_ID] }),
    event_id: Type.String({
      description: 'The event id, sent as `webhook-id` on every attempt: de-duplicate on it.',
      examples: ['evt_01jd9z4q5k8m3n7p2r6s4t0v1w'],
    }),
    event_type: Type.String({ examples: ['booking.created'] }),
    service: OutboundServiceSchema,
    endpoint_id: Type.String(),
    entity: Type.Object(
      { type: Type.String({ examples: ['booking'] }), id: Type.String(), version: Type.Integer() },
      { description: 'What changed; an endpoint receives the versions of one entity in order.' },
    ),
    status: DeliveryStatusSchema,
    attempts: Type.Integer({ minimum: 0, description: 'Attempts made so far (resends included).' }),
    next_attempt_at: Nullable(Timestamp, 'When the next attempt is due (pending only).'),
    last_status_code: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's last HTTP status; null when none came." }),
    last_error: Nullable(Type.String(), 'Why the last attempt failed (HTTP status, timeout, network error, refused address).'),
    created_at: Timestamp,
    updated_at: Timestamp,
    delivered_at: Nullable(Timestamp, 'When a 2xx answer came.'),
    failed_at: Nullable(Timestamp, 'When it entered the error queue.'),
  },
  { description: 'One event to one endpoint.' },
);

export const DeliveryAttempt = Type.Object({
  attempt: Type.Integer({ minimum: 1 }),
  started_at: Timestamp,
  outcome: Type.Union([Type.Literal('delivered'), Type.Literal('retry'), Type.Literal('failed'), Type.Literal('gone')]),
  status_code: Type.Union([Type.Integer(), Type.Null()]),
  latency_ms: Type.Integer({ minimum: 0 }),
  response_excerpt: Nullable(Type.String(), "The first KiB of the receiver's answer."),
  error: Nullable(Type.String(), 'Timeout, network error or refused address, when no answer came.'),
});

export const DeliveryWithAttempts = Type.Object({ ...Delivery.properties, attempt_log: Type.Array(DeliveryAttempt) });

export const DeliveryPage = Type.Object({
  data: Type.Array(Delivery),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass it as `cursor` for the next page; null on the last page.' }),
});

const Range = {
  service: Type.Optional(OutboundServiceSchema),
  endpoint_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  from: Type.Optional({ ...Timestamp, description: 'Deliveries created at or after this time.' }),
  to: Type.Optional({ ...Timestamp, description: 'Deliveries created before this time.' }),
};

export const ListDeliveriesQuery = Type.Object({ ...PageQuery, status: Type.Optional(DeliveryStatusSchema), ...Range });

export const BulkResendBody = Type.Object(Range, {
  additionalProperties: false,
  description: 'Which failed deliveries to resend (all failed ones of your environment when empty). Deliveries to disabled endpoints are skipped.',
  examples: [{ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' }],
});

export const ResendJob = Type.Object({
  job_id: Type.String({ examples: [JOB_ID] }),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed')]),
  filter: Type.Record(Type.String(), Type.Unknown(), { description: 'The filter as requested.' }),
  total: Type.Union([Type.Integer(), Type.Null()], { description: 'Failed deliveries matching when the job was queued.' }),
  processed: Type.Integer({ description: 'Deliveries put back in the queue so far.' }),
  created_at: Timestamp,
  finished_at: Nullable(Timestamp, 'When the job completed.'),
});

export const DeliveryIdParams = Type.Object({ delivery_id: Type.String({ minLength: 1, maxLength: 64, examples: [DELIVERY_ID] }) });
export const ResendJobIdParams = Type.Object({ job_id: Type.String({ minLength: 1, maxLength: 64, examples: [JOB_ID] }) });
