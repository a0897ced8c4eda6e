import { defineErrors } from '../../platform/errors.ts';

export const PortalErrors = defineErrors({
  PORTAL_NOT_SIGNED_IN: { status: 401, title: 'Not signed in', fix: 'Sign in again: the session is missing, expired or ended.' },
  PORTAL_INVALID_CREDENTIALS: { status: 401, title: 'Wrong username or password', fix: 'Check both; after 5 failures the username is locked for 15 minutes.' },
  PORTAL_LOGIN_LOCKED: {
    status: 429,
    title: 'Sign-in temporarily locked',
    fix: 'Too many failed sign-ins for this username: wait for the time in Retry-After, or ask your coordinator to reset the password.',
  },
  PORTAL_CSRF_REJECTED: {
    status: 403,
    title: 'Request refused (CSRF check)',
    fix: 'Reload the page: state-changing calls need the X-CSRF-Token header of the session and must come from the portal itself.',
  },
  PORTAL_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    title: 'Choose a permanent password first',
    fix: 'You signed in with a one-time password: change it before anything else.',
  },
  PORTAL_WRONG_CURRENT_PASSWORD: { status: 400, title: 'Current password is wrong', fix: 'Type the password you signed in with.' },
  PORTAL_SAME_PASSWORD: { status: 400, title: 'New password equals the current one', fix: 'Choose a different password.' },
  PORTAL_SERVICE_NOT_AVAILABLE: {
    status: 404,
    title: 'Service not available to this account',
    fix: 'The account lacks the role of this service; ask your implementation coordinator.',
  },
  PORTAL_COORDINATOR_NOT_FOUND: { status: 404, title: 'Coordinator not found', fix: 'Check the username (`atlas admin coordinator list`).' },
  PORTAL_COORDINATOR_USERNAME_TAKEN: { status: 409, title: 'Coordinator username taken', fix: 'Choose another username.' },
});
