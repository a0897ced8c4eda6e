import { defineErrors } from '../../platform/errors.ts';

export const NotificationErrors = defineErrors({
  NOTIFICATIONS_ENDPOINT_NOT_FOUND: {
    status: 404,
    title: 'Notification endpoint not found',
    fix: 'Check the endpoint id (whk_…) and that your token is for the environment the endpoint was registered in.',
  },
  NOTIFICATIONS_ROLE_MISSING: {
    status: 403,
    title: "The account lacks the role of the endpoint's service",
    fix: 'Endpoints for booking-notification need psiBooking, test-center-notification psiTestCenter, proctoring-results(-notification) psiProctoring, assessment-results(-notification) psiResults. Ask your PSI coordinator for the role.',
  },
  NOTIFICATIONS_ENDPOINT_CHANGED: {
    status: 409,
    title: 'The endpoint changed meanwhile',
    fix: 'Another request changed the endpoint at the same time: read it again and retry.',
  },
  NOTIFICATIONS_URL_NOT_ALLOWED: {
    status: 400,
    title: 'Endpoint URL not allowed',
    fix: 'Use a public https URL whose host resolves only to public addresses (no loopback, private, link-local or metadata addresses).',
  },
});

export const DeliveryErrors = defineErrors({
  NOTIFICATIONS_DELIVERY_NOT_FOUND: {
    status: 404,
    title: 'Delivery not found',
    fix: 'Check the delivery id (dlv_…) and that your token is for the environment of the endpoint it went to.',
  },
  NOTIFICATIONS_DELIVERY_IN_PROGRESS: {
    status: 409,
    title: 'The delivery is still being attempted',
    fix: 'Only failed or delivered deliveries can be resent; a pending one is already in the retry schedule (see next_attempt_at).',
  },
  NOTIFICATIONS_ENDPOINT_DISABLED: {
    status: 409,
    title: 'The endpoint is disabled',
    fix: 'Enable the endpoint (PATCH enabled: true) once your receiver works again, then resend or send the test event.',
  },
  NOTIFICATIONS_RESEND_JOB_NOT_FOUND: {
    status: 404,
    title: 'Resend job not found',
    fix: 'Check the job id (rsj_…) returned by POST /notifications/v2/deliveries/resend, with a token of the same environment.',
  },
});
