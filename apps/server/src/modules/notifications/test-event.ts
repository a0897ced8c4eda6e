/**
 * The test event of an endpoint (`POST /notifications/v2/endpoints/{id}/test`): type `<service prefix>.test` (e.g.
 * `booking.test`, `test_center.test`), sent to that endpoint only, through the real dispatcher (signed, retried,
 * logged). Booking Notification test events carry a booking payload of obviously sample data — booking code
 * `TEST` + random, candidate "Test Candidate" — so psi-v1 receivers get a well-formed PSI body they can recognise.
 */

import type { OutboundService } from '../../db/tables/notifications.ts';
import { randomString } from '../../platform/ids.ts';

const UPPER = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function testEventPayload(service: OutboundService, endpointId: string, now: Date): Record<string, unknown> {
  const at = now.toISOString();
  if (service !== 'booking-notification')
    return { test: true, endpoint_id: endpointId, message: 'A test event from Atlas: your endpoint is reachable.', sent_at: at };
  const start = new Date(now.getTime() + 7 * 86_400_000);
  return {
    booking_code: `TEST${randomString(UPPER, 6)}`,
    status: 'confirmed',
    previous_status: 'held',
    version: 1,
    change_reason: 'BOOKING_CREATED',
    effective_at: at,
    starts_at: start.toISOString(),
    ends_at: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    previous_starts_at: null,
    delivery_mode: 'ATLAS_REMOTE_PROCTORED',
    test: { test_code: 'TEST', test_version: 1, title: 'Atlas test event', portions: [] },
    candidate: { candidate_id: 'TEST-CANDIDATE', first_name: 'Test', last_name: 'Candidate', middle_name: null },
    eligibility_code: 'TEST',
    client_eligibility_id: null,
    location: null,
    cancellation: null,
    test_event: true,
    endpoint_id: endpointId,
  };
}
