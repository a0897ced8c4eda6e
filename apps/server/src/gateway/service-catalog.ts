/**
 * The services Atlas offers through its gateway: slug (as in paths and subscriptions), the role an account needs,
 * and the versions it exposes. Getting Started needs no role and no subscription: it is the connectivity check.
 */
export const ROLES = [
  'psiEligibility',
  'psiTestCenter',
  'psiTestPublication',
  'psiBooking',
  'psiPayment',
  'psiVoucher',
  'psiProctoring',
  'psiResults',
] as const;

export type Role = (typeof ROLES)[number];

export interface ServiceDefinition {
  slug: string;
  title: string;
  /** null: no role needed. */
  role: Role | null;
  /** Whether the calling application needs a subscription to this service. */
  requiresSubscription: boolean;
  summary: string;
}

export const SERVICES = [
  {
    slug: 'getting-started',
    title: 'Getting Started',
    role: null,
    requiresSubscription: false,
    summary: 'Connectivity check, echo and "who am I" for an access token.',
  },
  { slug: 'eligibility', title: 'Eligibility', role: 'psiEligibility', requiresSubscription: true, summary: 'Authorise candidates to test.' },
  { slug: 'test-centers', title: 'Test Center', role: 'psiTestCenter', requiresSubscription: true, summary: 'Find test centres, hours, capacity and seats.' },
  { slug: 'test-publication', title: 'Test Publication', role: 'psiTestPublication', requiresSubscription: true, summary: "Publish the partner's exams." },
  { slug: 'booking', title: 'Booking', role: 'psiBooking', requiresSubscription: true, summary: 'Search slots, hold, book, reschedule and cancel.' },
  { slug: 'payment', title: 'Payment', role: 'psiPayment', requiresSubscription: true, summary: 'Payments, refunds and receipts.' },
  { slug: 'vouchers', title: 'Voucher', role: 'psiVoucher', requiresSubscription: true, summary: 'Voucher batches and their lifecycle.' },
  { slug: 'proctoring', title: 'Proctoring', role: 'psiProctoring', requiresSubscription: true, summary: 'Remote-proctored sessions.' },
  { slug: 'results', title: 'Results', role: 'psiResults', requiresSubscription: true, summary: 'Assessment results from test drivers.' },
  {
    slug: 'notifications',
    title: 'Notifications',
    role: null,
    requiresSubscription: true,
    summary: 'Endpoints, deliveries and resends of the outbound notification services.',
  },
] as const satisfies readonly ServiceDefinition[];

export type ServiceSlug = (typeof SERVICES)[number]['slug'];

export const SERVICE_SLUGS: readonly ServiceSlug[] = SERVICES.map((s) => s.slug);

export function findService(slug: string): ServiceDefinition | undefined {
  return SERVICES.find((s) => s.slug === slug);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
