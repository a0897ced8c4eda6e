/**
 * Wire schemas of the Eligibility service. The write model is PSI's "Eligibility Model" (shared by v1 E1/E8 and
 * v2 create/update); optional fields accept null, as PSI partners' serialisers often send it.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { DateOnly } from '../../platform/common-schemas.ts';

const text = (maxLength: number, description: string, examples: unknown[] = []) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()], { description, ...(examples.length ? { examples } : {}) }));
const nullable = <T extends TSchema>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

const ACCOMMODATIONS_TEXT = "Accommodation codes (must be among the test's allowed accommodations). Fixed for the eligibility's life.";
const AccommodationCodes = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, examples: [['EXTRA_TIME_50']] });
const ATTRIBUTES_TEXT = 'Free key/value pairs kept with the candidate.';
const AdditionalAttributes = Type.Array(
  Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }), value: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]) }),
  { maxItems: 50, examples: [[{ key: 'cohort', value: '2026-spring' }]] },
);

export const CandidateWrite = Type.Object(
  {
    candidate_id: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Your own identifier of the person (unique in your account).',
      examples: ['C-100234'],
    }),
    first_name: Type.String({ minLength: 1, maxLength: 100, examples: ['Ada'] }),
    last_name: Type.String({ minLength: 1, maxLength: 100, examples: ['Lovelace'] }),
    middle_name: text(100, 'Middle name.'),
    suffix: text(20, 'Suffix (Jr., III…).'),
    email: text(254, 'E-mail address.', ['ada@example.org']),
    address1: text(200, 'Address line 1.'),
    address2: text(200, 'Address line 2.'),
    city: text(100, 'City.'),
    province_state: text(64, 'Province or state; the 2-letter abbreviation (e.g. NY) when country is US.', ['NY']),
    postal_code: text(20, 'Postal code.'),
    country: Type.Optional(nullable(Type.String({ pattern: '^[A-Z]{2}$' }), 'ISO 3166-1 alpha-2 country code.')),
    home_phone: text(40, 'Home phone.'),
    office_phone: text(40, 'Office phone.'),
    school_code: text(64, 'School code.'),
    special_accommodations: Type.Optional(nullable(AccommodationCodes, ACCOMMODATIONS_TEXT)),
    additional_attributes: Type.Optional(nullable(AdditionalAttributes, ATTRIBUTES_TEXT)),
  },
  { description: 'The candidate (required: candidate_id, first_name, last_name).' },
);

const dateField = (description: string) => Type.Optional(nullable(DateOnly, description));

export const EligibilityWrite = Type.Object(
  {
    candidate: CandidateWrite,
    test_code: Type.String({ minLength: 1, maxLength: 64, description: 'A published test of your account.', examples: ['NURSE-RN'] }),
    client_eligibility_id: text(100, 'Your own id of this eligibility (fixed once set).', ['ELIG-2026-0042']),
    schedule_start_date: dateField('First day the candidate may test (UTC date). Default: today.'),
    eligibility_end_date: dateField('Last day of the window (UTC date). Default: one year after the start.'),
    portion_codes: Type.Optional(
      nullable(
        Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
        "Portions of the test to take. Default: all of the test's portions.",
      ),
    ),
    registration_mode: text(64, 'How the candidate registered (kept, not echoed in v1).'),
    voucher_codes: Type.Optional(
      nullable(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }), 'Voucher codes to reserve for this eligibility.'),
    ),
  },
  {
    description: "PSI's Eligibility Model (write).",
    examples: [
      {
        candidate: { candidate_id: 'C-100234', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org', country: 'US', province_state: 'NY' },
        test_code: 'NURSE-RN',
        client_eligibility_id: 'ELIG-2026-0042',
        schedule_start_date: '2026-02-01',
        eligibility_end_date: '2026-12-31',
      },
    ],
  },
);
export type EligibilityWriteBody = Static<typeof EligibilityWrite>;

/** v2 PATCH: every field optional; what is given must follow the same rules as E8. */
export const EligibilityPatch = Type.Object(
  {
    candidate: Type.Optional(Type.Partial(CandidateWrite, { description: 'Demographics to change (candidate_id cannot change).' })),
    test_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Cannot change; accepted when equal.' })),
    client_eligibility_id: text(100, 'Cannot change; accepted when equal.'),
    schedule_start_date: dateField('New first day of the window.'),
    eligibility_end_date: dateField('New last day of the window.'),
    portion_codes: Type.Optional(nullable(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 }), 'Cannot change; accepted when equal.')),
    registration_mode: text(64, 'How the candidate registered.'),
  },
  { description: 'Partial update of an eligibility.', examples: [{ eligibility_end_date: '2027-03-31', candidate: { email: 'ada@new.example.org' } }] },
);
export type EligibilityPatchBody = Static<typeof EligibilityPatch>;

const nullableText = (description: string) => nullable(Type.String(), description);

export const CandidateRead = Type.Object(
  {
    candidate_id: Type.String({ examples: ['C-100234'] }),
    first_name: Type.String(),
    last_name: Type.String(),
    middle_name: nullableText('Middle name.'),
    suffix: nullableText('Suffix.'),
    email: nullableText('E-mail address.'),
    address1: nullableText('Address line 1.'),
    address2: nullableText('Address line 2.'),
    city: nullableText('City.'),
    province_state: nullableText('Province or state.'),
    postal_code: nullableText('Postal code.'),
    country: nullableText('ISO 3166-1 alpha-2.'),
    home_phone: nullableText('Home phone.'),
    office_phone: nullableText('Office phone.'),
    school_code: nullableText('School code.'),
    special_accommodations: Type.Array(Type.String(), { description: 'Accommodations granted with this eligibility.' }),
    additional_attributes: Type.Array(Type.Object({ key: Type.String(), value: Type.Union([Type.String(), Type.Null()]) })),
  },
  { description: 'The candidate as stored.' },
);

export const StateSchema = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('open'),
    Type.Literal('scheduled'),
    Type.Literal('completed'),
    Type.Literal('exhausted'),
    Type.Literal('expired'),
    Type.Literal('cancelled'),
  ],
  { description: 'Lifecycle state: pending → open → scheduled → (completed | exhausted | expired | cancelled).', examples: ['open'] },
);

export const LaunchInfo = Type.Object(
  {
    launch_url: Type.String({ description: 'Signed, short-lived URL that opens the online test session.' }),
    expires_at: Type.String({ format: 'date-time', description: 'When the URL stops working (UTC).' }),
  },
  { description: 'Test launch information for an online booking.' },
);
