import { type Static, Type } from 'typebox';
import { CountryCode, Money, Timestamp } from '../../platform/common-schemas.ts';
import { Page, PageQuery } from '../../platform/paging.ts';

/**
 * Wire shapes of the Test Publication service. The policy document is stored as JSON exactly as `Policies` below
 * (test/factories/catalog.ts writes the same shape); other services read it through `findTest`.
 */

const CODE_PATTERN = '^[A-Z0-9_-]{1,32}$';

export const TestCode = Type.String({
  pattern: CODE_PATTERN,
  description: 'Your code for the exam: 1–32 upper-case letters, digits, "-" or "_"; unique in your account and environment.',
  examples: ['NCLEX-RN'],
});

export const TestState = Type.Enum(['draft', 'published', 'retired'], {
  description: '`draft` (not bookable) → `published` (bookable) → `retired` (final: no new bookings, no changes).',
  examples: ['published'],
});

export const DeliveryMode = Type.Enum(['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED'], {
  description: '`SITE_PROCTORED`: at a test centre; `ATLAS_REMOTE_PROCTORED`: online with a remote proctor.',
});

export const Portion = Type.Object(
  {
    portion_code: Type.String({ pattern: CODE_PATTERN, description: 'Unique within the test.', examples: ['PHARM'] }),
    portion_name: Type.String({ minLength: 1, maxLength: 200, examples: ['Pharmacological therapies'] }),
    duration_minutes: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1440, description: 'Time allowed for this portion, if timed separately.', examples: [60] }),
    ),
  },
  { additionalProperties: false, description: 'A separately reported part of the exam (also sent in booking notifications).' },
);

export const Language = Type.String({
  pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
  description: 'BCP 47 language tag.',
  examples: ['en', 'es-MX'],
});

const LocationCode = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'A test centre location_code.', examples: ['US-NY-0042'] });

export const Delivery = Type.Object(
  {
    countries: Type.Array(CountryCode, {
      maxItems: 250,
      uniqueItems: true,
      description: 'Countries where the test may be taken (ISO 3166-1 alpha-2); empty means anywhere.',
      examples: [['US', 'CA']],
    }),
    location_codes: Type.Array(LocationCode, {
      maxItems: 1000,
      uniqueItems: true,
      description: 'Test centres that deliver it (site-proctored only); empty means every centre in those countries.',
      examples: [[]],
    }),
  },
  { additionalProperties: false, description: 'Where the test may be delivered. Default: anywhere.' },
);

const Fee = (description: string, example: number) =>
  Type.Integer({ minimum: 0, maximum: 100_000_000, description: `${description} In the test's currency, minor units.`, examples: [example] });

export const ChangeTier = Type.Object(
  {
    min_hours_before: Type.Integer({
      minimum: 0,
      maximum: 8760,
      description: 'The tier applies when the change is made at least this many hours before the appointment.',
      examples: [48],
    }),
    reschedule_fee: Fee('Fee to reschedule in this tier.', 2500),
    cancel_fee: Fee('Fee kept on cancellation in this tier (at most the price).', 5000),
  },
  { additionalProperties: false },
);

export const RetakeRule = Type.Object(
  {
    waiting_days: Type.Integer({ minimum: 0, maximum: 365, description: 'Days to wait after each attempt before the next one.', examples: [30] }),
    max_attempts: Type.Integer({ minimum: 1, maximum: 100, description: 'Attempts allowed within period_days.', examples: [3] }),
    period_days: Type.Integer({ minimum: 1, maximum: 3650, description: 'Rolling period over which max_attempts counts.', examples: [365] }),
  },
  { additionalProperties: false },
);

const AccommodationCode = Type.String({ pattern: '^[A-Z0-9_]{1,40}$', examples: ['EXTRA_TIME_50'] });

/** The stored (and answered) policy document: every field present. */
export const Policies = Type.Object(
  {
    change_tiers: Type.Array(ChangeTier, {
      minItems: 1,
      maxItems: 10,
      description:
        'Reschedule/cancel tiers, from the furthest ahead (strictly decreasing min_hours_before). A change made less than the smallest min_hours_before ahead is refused.',
    }),
    no_show_fee: Fee('Charged when the candidate does not show up (on top of the forfeited price).', 0),
    retake: RetakeRule,
    accommodations_allowed: Type.Array(AccommodationCode, { maxItems: 100, uniqueItems: true, description: 'Accommodation codes candidates may be granted.' }),
  },
  { additionalProperties: false },
);

/** What a partner sends: every field optional, each omitted one takes its documented default. */
export const PoliciesInput = Type.Object(
  {
    change_tiers: Type.Optional(Policies.properties.change_tiers),
    no_show_fee: Type.Optional(Policies.properties.no_show_fee),
    retake: Type.Optional(RetakeRule),
    accommodations_allowed: Type.Optional(Policies.properties.accommodations_allowed),
  },
  {
    additionalProperties: false,
    description:
      'Defaults for omitted fields: change_tiers free up to 7 days (168 h) ahead, then until 48 h ahead a reschedule fee of 25 % and a cancel fee of 50 % of the price, refused inside 48 h; no_show_fee 0; retake 30 days apart, 3 attempts per 365 days; accommodations_allowed [] (none).',
  },
);

const definition = {
  title: Type.String({ minLength: 1, maxLength: 200, examples: ['NCLEX-RN Nursing Licensure Examination'] }),
  description: Type.Optional(Type.String({ maxLength: 4000, examples: ['Registered nurse licensure exam, computerized adaptive test.'] })),
  duration_minutes: Type.Integer({ minimum: 1, maximum: 1440, description: 'Total appointment length.', examples: [300] }),
  delivery_modes: Type.Array(DeliveryMode, { minItems: 1, maxItems: 2, uniqueItems: true, examples: [['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED']] }),
  price: Money,
  portions: Type.Array(Portion, { maxItems: 50, description: 'May be empty. Portion durations must not add up to more than duration_minutes.' }),
  languages: Type.Array(Language, { minItems: 1, maxItems: 50, uniqueItems: true, examples: [['en', 'es-MX']] }),
  delivery: Type.Optional(Delivery),
  policies: Type.Optional(PoliciesInput),
};

export const CreateTestBody = Type.Object(
  {
    test_code: TestCode,
    ...definition,
    publish: Type.Optional(Type.Boolean({ default: true, description: 'true (default): published at once; false: saved as a draft.' })),
  },
  { additionalProperties: false, description: 'A new test.' },
);

export const ReplaceTestBody = Type.Object(
  {
    test_code: Type.Optional(Type.String({ pattern: CODE_PATTERN, description: 'Optional; when sent it must be the test_code of the path.' })),
    ...definition,
  },
  {
    additionalProperties: false,
    description: 'The whole definition (omitted optional fields take their defaults). A draft changes in place; a published test gets a new version.',
  },
);

const resourceFields = {
  title: definition.title,
  description: Type.Union([Type.String(), Type.Null()]),
  duration_minutes: definition.duration_minutes,
  delivery_modes: definition.delivery_modes,
  price: Money,
  portions: definition.portions,
  languages: definition.languages,
  delivery: Delivery,
  policies: Policies,
};

export const TestResource = Type.Object(
  {
    test_code: TestCode,
    state: TestState,
    version: Type.Integer({
      minimum: 1,
      description: 'Current version: what new bookings get. Bookings keep the version they were made under.',
      examples: [2],
    }),
    ...resourceFields,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { description: 'A test (exam) in its current version.' },
);

export const TestVersionResource = Type.Object(
  {
    test_code: TestCode,
    version: Type.Integer({ minimum: 1, examples: [1] }),
    is_current: Type.Boolean({ description: 'Whether this is the version new bookings get.' }),
    ...resourceFields,
    created_at: Type.String({ format: 'date-time', description: 'When this version was made (UTC, ISO 8601).' }),
  },
  { description: 'One immutable version of a test definition.' },
);

export const TestList = Page(TestResource, 'TestPublicationTestList');
export const TestVersionList = Page(TestVersionResource, 'TestPublicationTestVersionList');

export const ListTestsQuery = Type.Object({ state: Type.Optional(TestState), ...PageQuery }, { additionalProperties: false });
export const ListVersionsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const TestCodeParam = { test_code: TestCode };
export const VersionParam = { version: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Version number.', examples: [1] }) };

export type CreateTestInput = Static<typeof CreateTestBody>;
export type ReplaceTestInput = Static<typeof ReplaceTestBody>;
export type TestDefinitionInput = Omit<CreateTestInput, 'test_code' | 'publish'>;
export type PoliciesDocument = Static<typeof Policies>;
export type PoliciesInputDocument = Static<typeof PoliciesInput>;
export type PortionItem = Static<typeof Portion>;
export type TestView = Static<typeof TestResource>;
export type TestVersionView = Static<typeof TestVersionResource>;
