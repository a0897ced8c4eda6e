/**
 * Payloads of the six outbound services (notifications.md). v2 endpoints receive an envelope
 * `{ id, type, occurred_at, environment, account_code, version, previous_state, data }`; booking-notification
 * endpoints registered with `format: "psi-v1"` receive PSI's Booking Notification body instead (a PUT).
 * Switch on `type` to narrow `data`.
 */

export type WebhookEnvironment = 'sandbox' | 'production';
export type DeliveryMode = 'SITE_PROCTORED' | 'ATLAS_REMOTE_PROCTORED';
export interface Money {
  /** Minor units (cents). */
  amount: number;
  /** ISO 4217. */
  currency: string;
}

/** The v2 envelope every outbound service shares. */
export interface WebhookEnvelope<Service extends string, Type extends string, Data> {
  /** The event id, also the `webhook-id` header: stable across retries, so de-duplicate on it. */
  id: string;
  type: Type;
  /** The outbound service that sent it. */
  service?: Service;
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

export type BookingEventType =
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

export type TestCenterEventType = 'test_center.updated' | 'test_center.capacity_changed' | 'test_center.closed' | 'test_center.reopened';

export interface TestCenterEventData {
  location_code: string;
  name?: string;
  /** IANA time zone of the centre. */
  timezone?: string;
  /** The receiving partner's bookings the change affects (e.g. cancelled by a closure). */
  affected_bookings: { booking_code: string; starts_at?: string; status?: string }[];
  [field: string]: unknown;
}

export type TestCenterEvent = WebhookEnvelope<'test-center-notification', TestCenterEventType, TestCenterEventData>;

// ---- proctoring-results and proctoring-results-notification ----------------------------------------------------

export type ProctoringEventType = 'proctoring_result.available' | 'proctoring_result.changed';

/** Full session outcome: states, incidents, review decision. */
export interface ProctoringResultData {
  session_id: string;
  booking_code: string;
  state: string;
  incidents: { kind?: string; occurred_at?: string; severity?: string; [field: string]: unknown }[];
  review_decision: string | null;
  [field: string]: unknown;
}

/** Thin: the result of session X is available or changed; fetch it from `url`. */
export interface ProctoringResultNotificationData {
  session_id: string;
  booking_code?: string;
  url: string;
  [field: string]: unknown;
}

export type ProctoringResultEvent = WebhookEnvelope<'proctoring-results', ProctoringEventType, ProctoringResultData>;
export type ProctoringResultNotificationEvent = WebhookEnvelope<'proctoring-results-notification', ProctoringEventType, ProctoringResultNotificationData>;

// ---- assessment-results and assessment-results-notification ----------------------------------------------------

export type AssessmentEventType = 'assessment_result.released' | 'assessment_result.amended' | 'assessment_result.invalidated';

/** Full score report. */
export interface AssessmentResultData {
  booking_code: string;
  candidate_id?: string;
  test_code?: string;
  result: 'PASS' | 'FAIL' | 'NA' | string;
  score: string | null;
  status?: string;
  [field: string]: unknown;
}

/** Thin: the result of booking X is available, amended or invalidated; fetch it from `url`. */
export interface AssessmentResultNotificationData {
  booking_code: string;
  url: string;
  [field: string]: unknown;
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

/** The outbound services an endpoint can be registered for. */
export type OutboundService = NonNullable<AtlasWebhookEvent['service']>;
