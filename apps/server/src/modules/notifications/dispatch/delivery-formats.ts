/**
 * The bodies partners receive, rendered from an outbox event at delivery time (pure: no I/O, no clock).
 * `v2`: the Atlas envelope, for every service. `psi-v1`: PSI's NotificationRequest for Booking Notification, rendered
 * from the booking event payload (briefs/booking-payment-contract.md, "Booking event payload"; psi-compat.md).
 */
import type { EndpointFormat } from '../../../db/tables/notifications.ts';

export interface EventForDelivery {
  id: string;
  type: string;
  occurred_at: string;
  environment: string;
  account_code: string;
  entity_version: number;
  previous_state: string | null;
  /** The parsed outbox payload. */
  data: unknown;
}

export function v2Envelope(event: EventForDelivery) {
  return {
    id: event.id,
    type: event.type,
    occurred_at: event.occurred_at,
    environment: event.environment,
    account_code: event.account_code,
    version: event.entity_version,
    previous_state: event.previous_state,
    data: event.data,
  };
}

export const PSI_CHANGE_REASONS = ['BOOKING_CREATED', 'BOOKING_CANCELLED', 'BOOKING_RESCHEDULED', 'EXAM_COMPLETED', 'EXCUSED_ABSENT', 'ABSENT'] as const;
export const PSI_DELIVERY_MODES = ['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED'] as const;

/** The booking event payload fields psi-v1 reads (the rest of the payload is ignored). */
interface BookingPayload {
  booking_code: string;
  change_reason: string | null;
  effective_at: string;
  starts_at: string;
  delivery_mode: string;
  test: { test_code: string; portions: { portion_code: string; portion_name: string }[] };
  candidate: { candidate_id: string; first_name: string; last_name: string; middle_name: string | null };
  client_eligibility_id: string | null;
  location: { location_code: string; name: string; address: string; timezone: string } | null;
}

export class UnrenderableEvent extends Error {}

/** PSI's time format: UTC to the second, `YYYY-MM-DDThh:mm:ssZ` (no milliseconds). */
export function psiTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new UnrenderableEvent(`"${iso}" is not a timestamp`);
  return `${date.toISOString().slice(0, 19)}Z`;
}

function field<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UnrenderableEvent(`the booking event has no ${name}`);
  return value;
}

/** Whether a booking event is sent to psi-v1 endpoints: PSI has no change reason for e.g. a check-in. */
export function hasPsiChangeReason(data: unknown): boolean {
  const reason = (data as { change_reason?: unknown } | null)?.change_reason;
  return typeof reason === 'string' && (PSI_CHANGE_REASONS as readonly string[]).includes(reason);
}

/**
 * PSI's NotificationRequest, keys in PSI's documented order. The four location fields exist for test-centre
 * (SITE_PROCTORED) bookings only. Throws UnrenderableEvent when the payload lacks what PSI requires.
 */
export function psiNotificationBody(data: unknown): Record<string, unknown> {
  const p = data as Partial<BookingPayload>;
  const reason = field(p.change_reason, 'change_reason');
  if (!hasPsiChangeReason(p)) throw new UnrenderableEvent(`change_reason ${JSON.stringify(reason)} is not one PSI defines`);
  const mode = field(p.delivery_mode, 'delivery_mode');
  if (!(PSI_DELIVERY_MODES as readonly string[]).includes(mode)) throw new UnrenderableEvent(`delivery_mode ${mode} is not one PSI defines`);
  const candidate = field(p.candidate, 'candidate');
  const test = field(p.test, 'test');
  const body: Record<string, unknown> = {
    booking_code: field(p.booking_code, 'booking_code'),
    booking_on: psiTimestamp(field(p.starts_at, 'starts_at')),
    candidate_fname: candidate.first_name,
    candidate_id: candidate.candidate_id,
    candidate_lname: candidate.last_name,
    candidate_mname: candidate.middle_name ?? null,
    change_reason: reason,
    client_eligibility_id: p.client_eligibility_id ?? null,
    delivery_mode: mode,
    effective_date: psiTimestamp(field(p.effective_at, 'effective_at')),
    exam_code: test.test_code,
    exam_portions: (test.portions ?? []).map((portion) => ({ portion_code: portion.portion_code, portion_name: portion.portion_name })),
  };
  if (mode === 'SITE_PROCTORED') {
    const location = p.location;
    if (!location) throw new UnrenderableEvent('a SITE_PROCTORED booking event has no location');
    body.location_address = location.address;
    body.location_code = location.location_code;
    body.location_name = location.name;
    body.location_timezone = location.timezone;
  }
  return body;
}

export interface RenderedRequest {
  method: 'POST' | 'PUT';
  body: string;
}

/** The HTTP method and exact body bytes for an endpoint format (the signature covers these bytes). */
export function renderDelivery(format: EndpointFormat, event: EventForDelivery): RenderedRequest {
  if (format === 'psi-v1') return { method: 'PUT', body: JSON.stringify(psiNotificationBody(event.data)) };
  return { method: 'POST', body: JSON.stringify(v2Envelope(event)) };
}
