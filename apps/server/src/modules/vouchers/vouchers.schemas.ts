/** Wire shapes of the Voucher API (v2 and its v1 mirror). No $id: the v1 and v2 routes share these objects. */
import { Type } from 'typebox';
import { Money, Timestamp } from '../../platform/common-schemas.ts';
import { PageQuery } from '../../platform/paging.ts';

const TEST_CODE = Type.String({ minLength: 1, maxLength: 64, description: 'A test code of your account.', examples: ['NCLEX-RN'] });
const CODE_EXAMPLE = 'SPRING-7KQ4-M2XD-9TPR-H3CW';
const STATES = ['issued', 'reserved', 'redeemed', 'restored', 'forfeited', 'expired', 'void'] as const;

export const VoucherStateSchema = Type.Union(
  [
    Type.Literal('issued'),
    Type.Literal('reserved'),
    Type.Literal('redeemed'),
    Type.Literal('restored'),
    Type.Literal('forfeited'),
    Type.Literal('expired'),
    Type.Literal('void'),
  ],
  {
    description:
      'issued (usable) → reserved (held for an eligibility or booking) → redeemed (booking confirmed); restored (given back after a provider ' +
      'or free-tier cancellation, usable again); forfeited (no-show); expired; void.',
  },
);

export const Discount = Type.Object(
  {
    kind: Type.Union([Type.Literal('percent'), Type.Literal('amount'), Type.Literal('full')], {
      description: '`percent` off, a fixed `amount` off, or the `full` price.',
    }),
    percent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'For `percent`: 1–100. The discount is rounded down to the minor unit.' })),
    amount: Type.Optional({ ...Money, description: 'For `amount`: minor units and currency; never takes a price below 0.' }),
  },
  { additionalProperties: false, description: 'What a code takes off the price of a test.', examples: [{ kind: 'percent', percent: 20 }] },
);

export const CreateBatchBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120, description: 'Your name for the batch.', examples: ['Spring 2026 scholarship'] }),
    test_codes: Type.Array(TEST_CODE, { minItems: 1, maxItems: 100, uniqueItems: true, description: 'Tests the codes apply to (each must exist).' }),
    discount: Discount,
    expires_at: { ...Timestamp, description: 'When the codes stop working (UTC, in the future).' },
    max_uses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1, description: 'Redemptions allowed per code (usually 1).' })),
    count: Type.Integer({ minimum: 1, maximum: 10_000, description: 'How many codes to issue (1–10,000).', examples: [100] }),
    code_prefix: Type.Optional(
      Type.String({ pattern: '^[A-Z0-9]{2,10}$', description: 'Readable prefix of every code (2–10 upper-case letters or digits).', examples: ['SPRING'] }),
    ),
  },
  { additionalProperties: false },
);

const CountsByState = Type.Object(
  Object.fromEntries(STATES.map((s) => [s, Type.Integer({ minimum: 0 })])) as Record<(typeof STATES)[number], ReturnType<typeof Type.Integer>>,
  { description: 'How many of the batch’s codes are in each state.' },
);

export const Batch = Type.Object(
  {
    batch_id: Type.String({ examples: ['vbt_01jd9z4q5k8m3n7p2r6s4t0v1w'] }),
    name: Type.String(),
    test_codes: Type.Array(Type.String()),
    discount: Discount,
    code_prefix: Type.Union([Type.String(), Type.Null()]),
    expires_at: Timestamp,
    max_uses: Type.Integer(),
    code_count: Type.Integer(),
    status: Type.Union([Type.Literal('active'), Type.Literal('void')]),
    codes_by_state: CountsByState,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { description: 'A batch of voucher codes.' },
);

export const BatchPage = Type.Object({
  data: Type.Array(Batch),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass it as `cursor` for the next page; null on the last page.' }),
});

export const Reservation = Type.Object(
  {
    type: Type.Union([Type.Literal('eligibility'), Type.Literal('booking')]),
    id: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$',
      description: 'The eligibility code or booking code.',
      examples: ['elg_01jd9z4q5k8m3n7p2r6s4t0v1w'],
    }),
  },
  { additionalProperties: false, description: 'What holds the code.' },
);

export const Voucher = Type.Object(
  {
    code: Type.String({ examples: [CODE_EXAMPLE] }),
    batch_id: Type.String(),
    state: VoucherStateSchema,
    uses: Type.Integer({ description: 'Redemptions so far.' }),
    max_uses: Type.Integer(),
    discount: Discount,
    applies_to: Type.Array(Type.String(), { description: 'Test codes the code applies to.' }),
    expires_at: Timestamp,
    reserved_for: Type.Union([Type.Object({ type: Reservation.properties.type, id: Type.String(), reserved_at: Timestamp }), Type.Null()]),
    redeemed_at: Type.Union([Timestamp, Type.Null()], { description: 'Last redemption.' }),
    version: Type.Integer({ description: 'Grows by one on every transition.' }),
    updated_at: Timestamp,
  },
  { description: 'One voucher code and its state.' },
);

export const VoucherPage = Type.Object({
  data: Type.Array(Voucher),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass it as `cursor` for the next page; null on the last page.' }),
});

const Price = Type.Object({ amount: Type.Integer(), currency: Type.String() });

export const Validation = Type.Object(
  {
    valid: Type.Boolean({ description: 'Whether the code could be reserved or redeemed for the test right now.' }),
    reason: Type.Union([Type.String(), Type.Null()], {
      description: 'Why not: VOUCHER_EXPIRED, VOUCHER_VOID, VOUCHER_ALREADY_REDEEMED, VOUCHER_FORFEITED, VOUCHER_RESERVED, VOUCHER_NOT_APPLICABLE.',
      examples: [null, 'VOUCHER_EXPIRED'],
    }),
    detail: Type.Union([Type.String(), Type.Null()]),
    code: Type.String({ examples: [CODE_EXAMPLE] }),
    state: VoucherStateSchema,
    discount: Discount,
    applies_to: Type.Array(Type.String()),
    expires_at: Timestamp,
    price: Type.Union([Type.Object({ original: Price, discount: Price, final: Price }), Type.Null()], {
      description: 'The test’s current price, the discount and what is left to pay; null when the code does not apply.',
    }),
  },
  { description: 'Whether a code is usable for a test. Nothing is reserved.' },
);

export const ValidateBody = Type.Object({ test_code: TEST_CODE }, { additionalProperties: false });
export const ReserveBody = Type.Object({ test_code: TEST_CODE, reserved_for: Reservation }, { additionalProperties: false });
export const RedeemBody = Type.Object(
  {
    test_code: Type.Optional({ ...TEST_CODE, description: 'When given, the code must apply to this test.' }),
    reserved_for: Type.Optional({ ...Reservation, description: 'Required when the code is reserved: the eligibility or booking holding it.' }),
  },
  { additionalProperties: false },
);
export const EmptyBody = Type.Object({}, { additionalProperties: false, description: 'No body needed (an empty object is accepted).' });

export const CodeParam = {
  code: Type.String({ minLength: 1, maxLength: 64, description: 'The voucher code; case, spaces and dashes do not matter.', examples: [CODE_EXAMPLE] }),
};
export const BatchIdParam = { batch_id: Type.String({ minLength: 1, maxLength: 64, examples: ['vbt_01jd9z4q5k8m3n7p2r6s4t0v1w'] }) };

export const ListBatchesQuery = Type.Object({ ...PageQuery, status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('void')])) });
export const ListCodesQuery = Type.Object({ ...PageQuery, state: Type.Optional(VoucherStateSchema) });
