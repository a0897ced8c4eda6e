import type { EndpointFormat, OutboundService } from '../../db/tables/notifications.ts';
import type { Role } from '../../gateway/service-catalog.ts';

/**
 * The six outbound services (notifications.md): the event types each one sends and the role an account needs to
 * receive it — an endpoint delivers data of the related inbound service, so it needs that service's role.
 */
export const OUTBOUND_SERVICES: Record<OutboundService, { role: Role; events: readonly string[] }> = {
  'test-center-notification': {
    role: 'psiTestCenter',
    events: ['test_center.updated', 'test_center.capacity_changed', 'test_center.closed', 'test_center.reopened'],
  },
  'booking-notification': {
    role: 'psiBooking',
    events: [
      'booking.created',
      'booking.rescheduled',
      'booking.cancelled',
      'booking.checked_in',
      'booking.completed',
      'booking.no_show',
      'booking.excused_absence',
    ],
  },
  'proctoring-results': { role: 'psiProctoring', events: ['proctoring_result.available', 'proctoring_result.changed'] },
  'proctoring-results-notification': { role: 'psiProctoring', events: ['proctoring_result.available', 'proctoring_result.changed'] },
  'assessment-results': { role: 'psiResults', events: ['assessment_result.released', 'assessment_result.amended', 'assessment_result.invalidated'] },
  'assessment-results-notification': {
    role: 'psiResults',
    events: ['assessment_result.released', 'assessment_result.amended', 'assessment_result.invalidated'],
  },
};

export const OUTBOUND_SERVICE_SLUGS = Object.keys(OUTBOUND_SERVICES) as OutboundService[];

/** Default overlap during which the previous signing secret still signs: receivers have a day to switch. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;

/** Problems of an endpoint's event filter and format for its service, as JSON pointers into the body. */
export function endpointSettingsProblems(
  service: OutboundService,
  settings: { events?: readonly string[] | null; format?: EndpointFormat },
): { pointer: string; message: string }[] {
  const problems: { pointer: string; message: string }[] = [];
  const known = OUTBOUND_SERVICES[service].events;
  for (const [index, type] of (settings.events ?? []).entries()) {
    if (!known.includes(type))
      problems.push({ pointer: `/body/events/${index}`, message: `${service} sends no ${type} events (it sends ${known.join(', ')})` });
  }
  if (settings.format === 'psi-v1' && service !== 'booking-notification') {
    problems.push({ pointer: '/body/format', message: 'psi-v1 exists for booking-notification only' });
  }
  return problems;
}

/** The secrets that sign now: the current one, and the previous one until its overlap ends. */
export function activeSecrets<T>(current: T, previous: { secret: T; expiresAt: string } | null, now: Date): T[] {
  return previous && previous.expiresAt > now.toISOString() ? [current, previous.secret] : [current];
}
