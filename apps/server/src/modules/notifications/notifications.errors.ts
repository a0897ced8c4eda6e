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
