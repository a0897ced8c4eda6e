import type { Environment, Flag } from '../schema.ts';

/** The six outbound services (notifications.md); each endpoint and each event belongs to one. */
export type OutboundService =
  | 'test-center-notification'
  | 'booking-notification'
  | 'proctoring-results'
  | 'proctoring-results-notification'
  | 'assessment-results'
  | 'assessment-results-notification';

export type EndpointFormat = 'v2' | 'psi-v1';
export type EndpointAuthType = 'none' | 'basic' | 'bearer';

/**
 * Transactional outbox: one row per domain event, written in the same transaction as the change it reports, so an
 * event exists if and only if the change committed. Rows are immutable; the dispatcher (and a later `delivery` table
 * keyed by `event_id` + `endpoint_id`) tracks who received what, so one event fans out to every matching endpoint.
 */
export interface OutboxEventTable {
  /** `evt_…`: time-sortable, and the stable `webhook-id` receivers de-duplicate on. */
  id: string;
  account_id: string;
  environment: Environment;
  service: OutboundService;
  /** e.g. `booking.created`. */
  type: string;
  /** What changed (`booking`, `test_center`, `proctoring_session`, `result`): events of one entity are delivered in version order. */
  entity_type: string;
  entity_id: string;
  /** The entity's version after the change (≥ 1); unique per service and entity, so ordering is never ambiguous. */
  entity_version: number;
  previous_state: string | null;
  /** When the change happened (the PSI `effective_date`). */
  occurred_at: string;
  /** JSON: the event's `data`, rendered per endpoint format at delivery. */
  payload: string;
  created_at: string;
  /** When the dispatcher turned the event into deliveries (migration 0011); null until then. */
  dispatched_at: string | null;
}

/**
 * A partner's receiver for one outbound service in one environment. Credentials and signing secrets are stored
 * AES-256-GCM encrypted (see `secret-box.ts`): the signing secret is an HMAC key we must use again, so it cannot be hashed.
 */
export interface NotificationEndpointTable {
  /** `whk_…` */
  id: string;
  account_id: string;
  environment: Environment;
  service: OutboundService;
  url: string;
  auth_type: EndpointAuthType;
  /** Encrypted JSON `{username,password}` or `{token}`; null when `auth_type` is `none`. */
  auth_secret: string | null;
  /** JSON array of event types delivered; null delivers every type of the service. */
  event_types: string | null;
  format: EndpointFormat;
  enabled: Flag;
  /** Encrypted `whsec_…`. */
  signing_secret: string;
  /** Encrypted previous secret: still signs (alongside the new one) until `previous_secret_expires_at`. */
  previous_signing_secret: string | null;
  previous_secret_expires_at: string | null;
  /** Why the endpoint was disabled (`partner`, `gone` after a 410, `failing` after days of failed attempts). */
  disabled_reason: string | null;
  /** Start of the current run of failed attempts (null after a success): days of it disable the endpoint. */
  failing_since: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface NotificationTables {
  outbox_event: OutboxEventTable;
  notification_endpoint: NotificationEndpointTable;
}
