import { defineErrors } from '../../platform/errors.ts';

export const IdentityErrors = defineErrors({
  IDENTITY_ACCOUNT_NOT_FOUND: { status: 404, title: 'Account not found', fix: 'Check the account code (8 upper-case characters).' },
  IDENTITY_USER_NOT_FOUND: { status: 404, title: 'User not found', fix: 'Check the username and the account it belongs to.' },
  IDENTITY_APPLICATION_NOT_FOUND: { status: 404, title: 'Application not found', fix: 'Check the application id (app_…).' },
  IDENTITY_USERNAME_TAKEN: { status: 409, title: 'Username already taken', fix: 'Usernames are unique across Atlas: choose another.' },
  IDENTITY_APPLICATION_NAME_TAKEN: {
    status: 409,
    title: 'Application name already used',
    fix: 'Application names are unique within an account: choose another.',
  },
  IDENTITY_TIER_EXISTS: { status: 409, title: 'Throttling tier already exists', fix: 'Choose another tier name.' },
  IDENTITY_INVALID_INPUT: { status: 400, title: 'Invalid input', fix: 'Correct the value named in the detail.' },
  IDENTITY_INVALID_CIDR: { status: 400, title: 'Invalid IP range', fix: 'Give IPv4 or IPv6 CIDRs such as 203.0.113.0/24 or 2001:db8::/32.' },
  IDENTITY_UNKNOWN_ROLE: {
    status: 400,
    title: 'Unknown role',
    fix: 'Use "all" or a comma-separated list of psiEligibility, psiTestCenter, psiTestPublication, psiBooking, psiPayment, psiVoucher, psiProctoring, psiResults.',
  },
  IDENTITY_UNKNOWN_SERVICE: { status: 400, title: 'Unknown service', fix: 'Use "all" or service slugs such as eligibility, booking, test-centers.' },
  IDENTITY_UNKNOWN_TIER: {
    status: 400,
    title: 'Unknown throttling tier',
    fix: 'Use a tier listed by `atlas admin tier list` (Bronze, Silver, Gold, Unlimited, …).',
  },
  IDENTITY_WEAK_PASSWORD: { status: 400, title: 'Password too weak', fix: 'Use at least 12 characters; a passphrase is best.' },
});
