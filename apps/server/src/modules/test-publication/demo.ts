import type { Environment } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { findTest } from './test-publication.repository.ts';
import type { CreateTestInput } from './test-publication.schemas.ts';
import { createTest, replaceTest, transitionTest } from './test-publication.service.ts';

const ACTOR = 'system:demo-seed';

/** Codes of the demo partner's tests, for the seeds that come after this one (vouchers, eligibilities). */
export const DEMO_TEST_CODES = {
  nursing: 'NURSE-RN',
  realEstate: 'RE-SALES-NY',
  cloud: 'CLOUD-ARCH-PRO',
  financialAdvice: 'FIN-ADVICE-L4',
  pharmacyDraft: 'PHARM-TECH-2027',
  retired: 'NURSE-RN-2019',
} as const;

const STANDARD_ACCOMMODATIONS = ['EXTRA_TIME_25', 'EXTRA_TIME_50', 'EXTRA_TIME_100', 'SEPARATE_ROOM', 'READER', 'SCHEDULED_BREAKS'];

/** The NCLEX-like nursing exam, before the price rise that the seed applies as version 2. */
const nursing: CreateTestInput = {
  test_code: DEMO_TEST_CODES.nursing,
  title: 'Registered Nurse Licensure Examination',
  description: 'Computerized adaptive exam for entry-level registered nurses. Up to 5 hours including the tutorial and optional breaks.',
  duration_minutes: 300,
  delivery_modes: ['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED'],
  price: { amount: 20000, currency: 'USD' },
  portions: [
    { portion_code: 'SAFE-CARE', portion_name: 'Safe and effective care environment' },
    { portion_code: 'HEALTH-PROMO', portion_name: 'Health promotion and maintenance' },
    { portion_code: 'PSYCHOSOCIAL', portion_name: 'Psychosocial integrity' },
    { portion_code: 'PHYSIOLOGICAL', portion_name: 'Physiological integrity' },
  ],
  languages: ['en'],
  delivery: { countries: ['US', 'CA', 'GB', 'AU', 'IN', 'PH', 'MX'], location_codes: [] },
  policies: {
    change_tiers: [
      { min_hours_before: 168, reschedule_fee: 0, cancel_fee: 0 },
      { min_hours_before: 24, reschedule_fee: 5000, cancel_fee: 10000 },
    ],
    no_show_fee: 0,
    retake: { waiting_days: 45, max_attempts: 8, period_days: 365 },
    accommodations_allowed: STANDARD_ACCOMMODATIONS,
  },
};

const TESTS: CreateTestInput[] = [
  nursing,
  {
    test_code: DEMO_TEST_CODES.realEstate,
    title: 'New York Real Estate Salesperson Examination',
    description: 'State licensing exam for real estate salespersons; taken at a New York City test centre only.',
    duration_minutes: 150,
    delivery_modes: ['SITE_PROCTORED'],
    price: { amount: 1500, currency: 'USD' },
    portions: [
      { portion_code: 'NATIONAL', portion_name: 'National real estate principles', duration_minutes: 90 },
      { portion_code: 'STATE', portion_name: 'New York law and practice', duration_minutes: 60 },
    ],
    languages: ['en', 'es', 'zh-Hans'],
    delivery: { countries: ['US'], location_codes: ['US-NYC-01', 'US-NYC-02'] },
    policies: {
      change_tiers: [
        { min_hours_before: 72, reschedule_fee: 0, cancel_fee: 0 },
        { min_hours_before: 24, reschedule_fee: 500, cancel_fee: 1500 },
      ],
      no_show_fee: 0,
      retake: { waiting_days: 1, max_attempts: 6, period_days: 365 },
      accommodations_allowed: ['EXTRA_TIME_50', 'READER', 'SEPARATE_ROOM'],
    },
  },
  {
    test_code: DEMO_TEST_CODES.cloud,
    title: 'Certified Cloud Solutions Architect – Professional',
    description: 'Scenario-based certification exam, online only with a remote proctor, available worldwide around the clock.',
    duration_minutes: 180,
    delivery_modes: ['ATLAS_REMOTE_PROCTORED'],
    price: { amount: 30000, currency: 'USD' },
    portions: [
      { portion_code: 'DESIGN', portion_name: 'Design for organizational complexity', duration_minutes: 90 },
      { portion_code: 'MIGRATE', portion_name: 'Migration and modernization', duration_minutes: 90 },
    ],
    languages: ['en', 'ja', 'de', 'es-MX', 'pt-BR'],
    delivery: { countries: [], location_codes: [] },
    policies: {
      change_tiers: [{ min_hours_before: 24, reschedule_fee: 0, cancel_fee: 0 }],
      no_show_fee: 0,
      retake: { waiting_days: 14, max_attempts: 3, period_days: 365 },
      accommodations_allowed: ['EXTRA_TIME_50', 'SCHEDULED_BREAKS'],
    },
  },
  {
    test_code: DEMO_TEST_CODES.financialAdvice,
    title: 'Diploma in Regulated Financial Advice – Level 4',
    description: 'UK regulated-adviser qualification exam, at a UK centre or online.',
    duration_minutes: 120,
    delivery_modes: ['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED'],
    price: { amount: 19500, currency: 'GBP' },
    portions: [],
    languages: ['en-GB', 'cy'],
    delivery: { countries: ['GB'], location_codes: [] },
    policies: {
      change_tiers: [
        { min_hours_before: 336, reschedule_fee: 0, cancel_fee: 0 },
        { min_hours_before: 120, reschedule_fee: 3500, cancel_fee: 7500 },
        { min_hours_before: 48, reschedule_fee: 7500, cancel_fee: 15000 },
      ],
      no_show_fee: 2500,
      retake: { waiting_days: 7, max_attempts: 4, period_days: 365 },
      accommodations_allowed: ['EXTRA_TIME_25', 'READER', 'SEPARATE_ROOM'],
    },
  },
  {
    test_code: DEMO_TEST_CODES.pharmacyDraft,
    title: 'Pharmacy Technician Certification (2027 blueprint)',
    description: 'New blueprint in preparation: a draft, not bookable until published.',
    duration_minutes: 110,
    delivery_modes: ['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED'],
    price: { amount: 12900, currency: 'USD' },
    portions: [
      { portion_code: 'MEDICATIONS', portion_name: 'Medications' },
      { portion_code: 'SAFETY', portion_name: 'Patient safety and quality assurance' },
      { portion_code: 'ORDER-ENTRY', portion_name: 'Order entry and processing' },
    ],
    languages: ['en'],
    delivery: { countries: ['US'], location_codes: [] },
    publish: false,
  },
  {
    test_code: DEMO_TEST_CODES.retired,
    title: 'Registered Nurse Licensure Examination (2019 test plan)',
    description: 'Replaced by NURSE-RN; kept for the bookings and results made under it.',
    duration_minutes: 360,
    delivery_modes: ['SITE_PROCTORED'],
    price: { amount: 20000, currency: 'USD' },
    portions: [],
    languages: ['en'],
    delivery: { countries: ['US'], location_codes: [] },
  },
];

/**
 * Seeds the demo partner's tests in both environments: five live ones (a nursing exam that has a second version,
 * a site-only real-estate exam at two New York centres, an online-only certification, a UK exam priced in GBP, a
 * draft) and a retired one. A test that already exists is left as it is, so re-running the seed changes nothing.
 */
export async function seedDemoTestPublication(ctx: ServiceContext, demo: { accountId: string; accountCode: string }): Promise<void> {
  for (const environment of ['sandbox', 'production'] as Environment[]) {
    const caller = { accountId: demo.accountId, environment, actor: ACTOR };
    for (const input of TESTS) {
      if (await findTest(ctx.db, caller, input.test_code)) continue;
      await createTest(ctx, caller, input);
      if (input.test_code === DEMO_TEST_CODES.nursing) {
        // The fee went up: version 2 is what new bookings get, version 1 stays readable.
        const { test_code: _code, publish: _publish, ...definition } = nursing;
        await replaceTest(ctx, caller, nursing.test_code, { ...definition, price: { amount: 22000, currency: 'USD' } });
      }
      if (input.test_code === DEMO_TEST_CODES.retired) await transitionTest(ctx, caller, input.test_code, 'retire');
    }
  }
}
