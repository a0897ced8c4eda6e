/** Wire shapes of the Payment API (v2 and its v1 mirror). No $id: the v1 and v2 routes share these objects. */
import { Type } from 'typebox';

export const CardDetailsInput = Type.Object(
  {
    number: Type.String({
      pattern: '^[0-9 -]{12,23}$',
      description:
        'Card number (12–19 digits; spaces and dashes are ignored). Never stored or logged: Atlas keeps the brand and the last four digits only. ' +
        'Sandbox test numbers: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds, ' +
        '4000 0000 0000 0119 gives a processor error (GET /payment/v2/test-cards lists them).',
      examples: ['4242424242424242'],
    }),
    exp_month: Type.Integer({ minimum: 1, maximum: 12, description: 'Expiry month, 1–12.', examples: [12] }),
    exp_year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'Expiry year, four digits.', examples: [2030] }),
    cvc: Type.String({ pattern: '^[0-9]{3,4}$', description: 'Card security code (3–4 digits). Never stored or logged.', examples: ['123'] }),
    holder_name: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'Name on the card.', examples: ['Ada Lovelace'] })),
  },
  { additionalProperties: false, description: 'A card to charge now. Only the brand and last four digits are kept.' },
);

/**
 * How a booking is paid (the `payment` field of POST /booking/v2/bookings and of a reschedule with a fee):
 * an existing succeeded payment for the hold, a card charged now, or the account's invoice.
 * The branches bound their size with maxProperties, NOT additionalProperties: false: Fastify's Ajv runs with
 * removeAdditional, which strips every key a failing anyOf branch does not know (the first branch would delete
 * `method` and `card` before the card branch is tried, so a card body failed validation).
 */
export const PaymentInstructionInput = Type.Union(
  [
    Type.Object(
      { payment_id: Type.String({ pattern: '^pay_[0-9a-z]{26}$', description: 'A succeeded payment made for this hold with POST /payment/v2/payments.' }) },
      { maxProperties: 1, title: 'Existing payment' },
    ),
    Type.Object({ method: Type.Literal('card'), card: CardDetailsInput }, { maxProperties: 2, title: 'Card' }),
    Type.Object({ method: Type.Literal('invoice') }, { maxProperties: 1, title: 'Invoice', description: "Recorded on the account's monthly statement." }),
  ],
  {
    description:
      'How to pay: `{ payment_id }` of a succeeded payment made for this hold, `{ method: "card", card }` to charge a card now, ' +
      'or `{ method: "invoice" }` to bill the account (monthly statement).',
  },
);

const MoneySchema = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Minor units (e.g. cents).', examples: [15000] }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.', examples: ['USD'] }),
  },
  { additionalProperties: false },
);
const PositiveMoney = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Minor units (e.g. cents), more than 0.', examples: [15000] }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.', examples: ['USD'] }),
  },
  { additionalProperties: false },
);
const Timestamp = Type.String({ format: 'date-time', description: 'UTC, ISO 8601.', examples: ['2026-03-02T14:30:00.000Z'] });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const PAYMENT_ID = Type.String({ pattern: '^pay_[0-9a-z]{26}$', description: 'Payment id.', examples: ['pay_01jd9z4q5k8m3n7p2r6s4t0v1w'] });
const FEE_KIND = Type.Union([Type.Literal('reschedule_fee'), Type.Literal('cancellation_fee'), Type.Literal('no_show_fee')]);
const STATE = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]);

export const PaymentIdParam = { payment_id: PAYMENT_ID };
export const MonthParam = { month: Type.String({ minLength: 1, maxLength: 16, description: 'The month, YYYY-MM (UTC).', examples: ['2026-03'] }) };

export const CreatePaymentBody = Type.Object(
  {
    hold_id: Type.Optional(Type.String({ pattern: '^hld_[0-9a-z]{26}$', description: 'Pay for this active hold (give this or booking_code).' })),
    booking_code: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Pay for (or a fee on) this booking (give this or hold_id).' })),
    fee_kind: Type.Optional({ ...FEE_KIND, description: 'With booking_code: the payment is this fee on the booking.' }),
    method: Type.Union([Type.Literal('card'), Type.Literal('invoice')], {
      description: '`card`: charged now by the card processor. `invoice`: succeeds at once and appears on the monthly statement.',
    }),
    card: Type.Optional(CardDetailsInput),
    amount: Type.Optional({
      ...PositiveMoney,
      description:
        "For a hold: at most its price, in its currency (default: the price). Lower it yourself when a voucher applies: the booking checks that the payment equals the amount due. Required for a booking payment (in the booking's currency).",
    }),
  },
  { additionalProperties: false },
);

export const CreateRefundBody = Type.Object(
  {
    amount: Type.Optional({ ...PositiveMoney, description: 'Partial refund amount, in the payment currency; absent: everything still refundable.' }),
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why (shown on receipts and statements).', examples: ['Candidate moved abroad'] }),
  },
  { additionalProperties: false },
);

export const ListPaymentsQuery = Type.Object(
  {
    booking_code: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Only payments of this booking (its price and fees).' })),
    hold_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only payments made for this hold.' })),
    state: Type.Optional({ ...STATE, description: 'Only payments in this state (e.g. `failed` to see declined cards).' }),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (1–200).' })),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'next_cursor of the previous page.' })),
  },
  { additionalProperties: false },
);

export const Payment = Type.Object(
  {
    payment_id: PAYMENT_ID,
    state: { ...STATE, description: 'pending (at the processor) → succeeded | failed.' },
    method: Type.Union([Type.Literal('card'), Type.Literal('invoice')]),
    purpose: Type.Union([Type.Literal('hold'), Type.Literal('booking'), Type.Literal('fee')], {
      description: 'What it pays: a hold (then the booking it confirmed), a booking, or a fee on a booking.',
    }),
    fee_kind: Nullable(FEE_KIND),
    hold_id: Nullable(Type.String()),
    booking_code: Nullable(Type.String({ description: 'The booking this payment belongs to, once there is one.' })),
    amount: MoneySchema,
    refunded: { ...MoneySchema, description: 'Refunded so far, pending refunds included.' },
    refundable: { ...MoneySchema, description: 'What can still be refunded.' },
    description: Type.String(),
    card: Nullable(
      Type.Object({
        brand: Type.String({ examples: ['visa'] }),
        last4: Type.String({ examples: ['4242'] }),
        exp_month: Type.Integer(),
        exp_year: Type.Integer(),
        holder_name: Nullable(Type.String()),
      }),
    ),
    processor: Nullable(Type.String({ description: 'The card processor (`sandbox` in the sandbox).' })),
    failure: Nullable(Type.Object({ code: Type.String({ examples: ['PAYMENT_DECLINED'] }), message: Type.String() })),
    created_at: Timestamp,
    settled_at: Nullable(Timestamp),
  },
  { description: 'A payment. The card appears as brand and last four digits only.' },
);

export const PaymentPage = Type.Object({
  data: Type.Array(Payment),
  next_cursor: Nullable(Type.String({ description: 'Pass it as `cursor` for the next page; null on the last page.' })),
});

export const Refund = Type.Object(
  {
    refund_id: Type.String({ examples: ['ref_01jd9z4q5k8m3n7p2r6s4t0v1w'] }),
    payment_id: Type.String(),
    state: { ...STATE, description: 'pending (at the processor) → succeeded | failed (a failed refund makes its amount refundable again).' },
    amount: MoneySchema,
    reason: Type.String(),
    failure_message: Nullable(Type.String()),
    created_at: Timestamp,
    settled_at: Nullable(Timestamp),
  },
  { description: 'A full or partial refund of a payment.' },
);

export const RefundList = Type.Object({ data: Type.Array(Refund) });

const DocumentAccount = Type.Object({ account_code: Type.String(), name: Type.String() });

export const Receipt = Type.Object(
  {
    receipt_number: Type.String({ examples: ['R-01JD9Z4Q5K8M3N7P2R6S4T0V1W'] }),
    issued_at: Timestamp,
    issuer: Type.String(),
    environment: Type.Union([Type.Literal('production'), Type.Literal('sandbox')]),
    account: DocumentAccount,
    payment_id: Type.String(),
    paid_at: Timestamp,
    method: Type.Union([Type.Literal('card'), Type.Literal('invoice')]),
    card: Nullable(Type.Object({ brand: Type.String(), last4: Type.String(), holder_name: Nullable(Type.String()) })),
    booking_code: Nullable(Type.String()),
    hold_id: Nullable(Type.String()),
    lines: Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal('charge'), Type.Literal('refund')]),
        date: Timestamp,
        description: Type.String(),
        amount: MoneySchema,
      }),
    ),
    totals: Type.Object({ paid: MoneySchema, refunded: MoneySchema, net: MoneySchema }),
  },
  { description: 'A receipt for a succeeded payment: the charge, succeeded refunds, and totals.' },
);

export const Statement = Type.Object(
  {
    month: Type.String({ examples: ['2026-03'] }),
    account: DocumentAccount,
    environment: Type.Union([Type.Literal('production'), Type.Literal('sandbox')]),
    period: Type.Object({ from: Timestamp, to: Timestamp }, { description: 'UTC bounds, [from, to).' }),
    lines: Type.Array(
      Type.Object({
        date: Timestamp,
        kind: Type.Union([Type.Literal('charge'), Type.Literal('credit')], { description: '`charge`: an invoice payment; `credit`: a refund of one.' }),
        payment_id: Type.String(),
        refund_id: Nullable(Type.String()),
        booking_code: Nullable(Type.String()),
        description: Type.String(),
        amount: MoneySchema,
      }),
    ),
    totals: Type.Array(
      Type.Object({
        currency: Type.String(),
        charges: Type.Integer(),
        credits: Type.Integer(),
        balance: Type.Integer({ description: 'charges − credits: what the account owes for the month.' }),
      }),
      { description: 'One entry per currency (amounts in minor units).' },
    ),
    generated_at: Timestamp,
  },
  { description: "The account's invoice statement for one month." },
);

export const TestCardList = Type.Object({
  data: Type.Array(
    Type.Object({
      number: Type.String(),
      brand: Type.String(),
      outcome: Type.Union([
        Type.Literal('succeeded'),
        Type.Literal('declined'),
        Type.Literal('insufficient_funds'),
        Type.Literal('processor_error'),
        Type.Literal('refund_fails'),
      ]),
      description: Type.String(),
    }),
  ),
});
