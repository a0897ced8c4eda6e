/**
 * Payloads of the six outbound services (notifications.md). v2 endpoints receive an envelope
 * `{ id, type, occurred_at, environment, account_code, version, previous_state, data }`; booking-notification
 * endpoints registered with `format: "psi-v1"` receive PSI's Booking Notification body instead (a PUT).
 * Switch on `type` to narrow `data` (the proctoring and assessment result services share their type names with their
 * thin `…-notification` variants: an endpoint receives one service, so type it with that service's event). The full
 * proctoring and assessment payloads are the v2 API's session and result bodies (generated types) plus what changed.
 */
import type { operations as ProctoringV2 } from '../generated/proctoring.v2.types.js';
import type { operations as ResultsV2 } from '../generated/results.v2.types.js';
import type { ItemOf, ResultOf } from '../runtime/operation-types.js';

export type WebhookEnvironment = 'sandbox' | 'production';

/** The outbound services an endpoint can be registered for. */
export type OutboundService =
  | 'test-center-notification'
  | 'booking-notification'
  | 'proctoring-results'
  | 'proctoring-results-notification'
  | 'assessment-results'
  | 'assessment-results-notification';
export type DeliveryMode = 'SITE_PROCTORED' | 'ATLAS_REMOTE_PROCTORED';
export interface Money {
  /** Minor units (cents). */
  amount: number;
  /** ISO 4217. */
  currency: string;
}

/** The v2 envelope every outbound service shares (`Service` only tags the type: the body does not carry it). */
// biome-ignore lint/correctness/noUnusedVariables: Service keeps the per-service envelope types distinct for readers
export interface WebhookEnvelope<Service extends OutboundService, Type extends string, Data> {
  /** The event id, also the `webhook-id` header: stable across retries, so de-duplicate on it. */
  id: string;
  type: Type;
  /** When the change happened (UTC ISO 8601). */
  occurred_at: string;
  environment: WebhookEnvironment;
  account_code: string;
  /** The entity's version after the change: apply events of one entity in version order. */
  version: number;
  /** The entity's state before the change (null for a creation). */
  previous_state: string | null;
  data: Data;
}

// ---- booking-notification --------------------------------------------------------------------------------------

/** `booking.test` is what "send a test event" delivers: a sample booking with `test_event: true`. */
export type BookingEventType =
  | 'booking.test'
  | 'booking.created'
  | 'booking.rescheduled'
  | 'booking.cancelled'
  | 'booking.checked_in'
  | 'booking.completed'
  | 'booking.no_show'
  | 'booking.excused_absence';

/** PSI's change reasons; null for changes PSI has no reason for (e.g. a check-in). */
export type BookingChangeReason = 'BOOKING_CREATED' | 'BOOKING_CANCELLED' | 'BOOKING_RESCHEDULED' | 'EXAM_COMPLETED' | 'EXCUSED_ABSENT' | 'ABSENT';

/** A booking's status; `held` appears only as the previous status of a creation. */
export type BookingStatus = 'confirmed' | 'checked_in' | 'in_progress' | 'completed' | 'cancelled' | 'no_show' | 'excused_absence';

export interface BookingEventData {
  booking_code: string;
  status: BookingStatus;
  previous_status: BookingStatus | 'held' | null;
  version: number;
  change_reason: BookingChangeReason | null;
  /** When the change happened (UTC ISO 8601). */
  effective_at: string;
  starts_at: string;
  ends_at: string;
  /** The appointment before a reschedule, else null. */
  previous_starts_at: string | null;
  delivery_mode: DeliveryMode;
  test: { test_code: string; test_version: number; title: string; portions: { portion_code: string; portion_name: string }[] };
  candidate: { candidate_id: string; first_name: string; last_name: string; middle_name: string | null };
  eligibility_code: string;
  client_eligibility_id: string | null;
  /** The test centre; null for ATLAS_REMOTE_PROCTORED. */
  location: { location_code: string; name: string; address: string; timezone: string } | null;
  /** Set on cancellations. */
  cancellation: { by: 'partner' | 'candidate' | 'provider'; reason: string; fee: Money; refund: Money } | null;
  /** Only on `booking.test` events. */
  test_event?: true;
}

export type BookingEvent = WebhookEnvelope<'booking-notification', BookingEventType, BookingEventData>;

/** PSI's Booking Notification body (endpoints with `format: "psi-v1"`), delivered as a PUT. Order by `effective_date`. */
export interface PsiBookingNotification {
  booking_code: string;
  /** Appointment start, UTC `YYYY-MM-DDThh:mm:ssZ`. */
  booking_on: string;
  candidate_fname: string;
  candidate_id: string;
  candidate_lname: string;
  candidate_mname: string | null;
  change_reason: BookingChangeReason;
  client_eligibility_id: string | null;
  delivery_mode: DeliveryMode;
  /** When the change happened, UTC `YYYY-MM-DDThh:mm:ssZ`. */
  effective_date: string;
  exam_code: string;
  exam_portions: { portion_code: string; portion_name: string }[];
  /** The four location fields are present for test-centre bookings only. */
  location_address?: string;
  location_code?: string;
  location_name?: string;
  /** IANA time zone. */
  location_timezone?: string;
}

// ---- test-center-notification ----------------------------------------------------------------------------------

export type TestCenterEventType = 'test_center.test' | 'test_center.updated' | 'test_center.capacity_changed' | 'test_center.closed' | 'test_center.reopened';

export interface TestCenterEventData {
  location_code: string;
  name: string;
  /** Why: the coordinator's reason, or e.g. "test centre closed". */
  reason: string;
  /** Updates, capacity changes, closing and reopening the centre. */
  status?: 'active' | 'closed';
  seats?: number;
  previous_seats?: number;
  /** A closure for a period (`test_center.closed` with a range). */
  closure_id?: string;
  starts_at?: string;
  ends_at?: string;
  /** The receiving partner's bookings the change cancelled (provider cancellations, refunded in full). */
  affected_bookings: { booking_code: string; starts_at: string }[];
  test_event?: true;
}

export type TestCenterEvent = WebhookEnvelope<'test-center-notification', TestCenterEventType, TestCenterEventData>;

// ---- proctoring-results and proctoring-results-notification ----------------------------------------------------

export type ProctoringEventType = 'proctoring_result.test' | 'proctoring_result.available' | 'proctoring_result.changed';

/** A proctoring session as `GET /proctoring/v2/sessions/{session_id}` answers it. */
export type ProctoringSession = ResultOf<ProctoringV2['getProctoringSession']>;
type ProctoringSessionEvent = ItemOf<ProctoringV2['listProctoringSessionEvents']>;

/** Full session outcome: the session (states, review decision) with every incident and the whole timeline. */
export type ProctoringResultData = ProctoringSession & {
  client_eligibility_id: string | null;
  incidents: Pick<ProctoringSessionEvent, 'severity' | 'reason_code' | 'note' | 'occurred_at'>[];
  timeline: Pick<ProctoringSessionEvent, 'sequence' | 'type' | 'state' | 'occurred_at'>[];
};

/** Thin: session X's outcome is available or changed; fetch it from `href` (relative to the API origin). */
export interface ProctoringResultNotificationData {
  session_id: string;
  booking_code: string;
  candidate_id: string;
  state: ProctoringSession['state'];
  decision: NonNullable<ProctoringSession['review']>['decision'] | null;
  version: number;
  href: string;
}

export type ProctoringResultEvent = WebhookEnvelope<'proctoring-results', ProctoringEventType, ProctoringResultData>;
export type ProctoringResultNotificationEvent = WebhookEnvelope<'proctoring-results-notification', ProctoringEventType, ProctoringResultNotificationData>;

// ---- assessment-results and assessment-results-notification ----------------------------------------------------

export type AssessmentEventType = 'assessment_result.test' | 'assessment_result.released' | 'assessment_result.amended' | 'assessment_result.invalidated';

/** A result as `GET /results/v2/results/{result_id}` answers it. */
export type AssessmentResult = ResultOf<ResultsV2['getResult']>;

/** Full score report, with why it changed and, for an amendment, what changed (`diff`, one entry per field path). */
export type AssessmentResultData = AssessmentResult & {
  change_reason: string | null;
  diff: { path: string; from: unknown; to: unknown }[] | null;
};

/** Thin: booking X's result was released, amended or invalidated; fetch it from `href` (relative to the API origin). */
export interface AssessmentResultNotificationData {
  result_id: string;
  booking_code: string;
  candidate_id: string;
  change: 'released' | 'amended' | 'invalidated';
  state: AssessmentResult['state'];
  revision: number;
  version: number;
  href: string;
}

export type AssessmentResultEvent = WebhookEnvelope<'assessment-results', AssessmentEventType, AssessmentResultData>;
export type AssessmentResultNotificationEvent = WebhookEnvelope<'assessment-results-notification', AssessmentEventType, AssessmentResultNotificationData>;

/** Any v2 webhook Atlas sends. */
export type AtlasWebhookEvent =
  | BookingEvent
  | TestCenterEvent
  | ProctoringResultEvent
  | ProctoringResultNotificationEvent
  | AssessmentResultEvent
  | AssessmentResultNotificationEvent;
