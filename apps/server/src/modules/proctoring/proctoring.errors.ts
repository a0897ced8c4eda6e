import { defineErrors } from '../../platform/errors.ts';

export const ProctoringErrors = defineErrors({
  PROCTORING_SESSION_NOT_FOUND: {
    status: 404,
    title: 'Proctoring session not found',
    fix: 'Check the session id (prs_…) or booking code, and that your token is for the environment the booking was made in.',
  },
  PROCTORING_NOT_ONLINE: {
    status: 409,
    title: 'The booking is not remote-proctored',
    fix: 'Proctoring sessions exist for ATLAS_REMOTE_PROCTORED bookings only; test-centre bookings are checked in by the centre.',
  },
  PROCTORING_BOOKING_NOT_ACTIVE: {
    status: 409,
    title: 'The booking is not active',
    fix: 'A cancelled or absent booking has no session to launch; book again.',
  },
  PROCTORING_EVENT_NOT_ALLOWED: {
    status: 409,
    title: 'Event not possible in the session’s state',
    fix: 'Read the session: `state` says where it is; events follow scheduled → launched → checking_in → in_progress ⇄ paused → submitted|terminated|timed_out → under_review.',
  },
  PROCTORING_CHECK_IN_INCOMPLETE: {
    status: 409,
    title: 'Check-in is not complete',
    fix: 'Post SYSTEM_CHECK_PASSED and ID_VERIFIED before STARTED.',
  },
  PROCTORING_EVENT_INVALID: {
    status: 400,
    title: 'The event is missing a field',
    fix: 'INCIDENT needs severity and reason_code; TERMINATED needs reason_code; extra_time_minutes goes with RESUMED only.',
  },
  PROCTORING_REVIEW_NOT_ALLOWED: {
    status: 409,
    title: 'Review decision not possible now',
    fix: 'A decision is taken once the sitting ended (submitted, terminated or timed out); a decided session can only be changed to the other decision.',
  },
  PROCTORING_LAUNCH_INVALID: {
    status: 403,
    title: 'Launch link invalid or expired',
    fix: 'Launch links are signed and valid for 15 minutes: ask for a new one (launch-url, or v1 testLaunchInfo).',
  },
  PROCTORING_CONFLICT: {
    status: 409,
    title: 'The session changed meanwhile',
    fix: 'Another event was recorded at the same moment: read the session and send the event again if it still applies.',
  },
});
