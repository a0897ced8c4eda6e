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
 */
export const PaymentInstructionInput = Type.Union(
  [
    Type.Object(
      { payment_id: Type.String({ pattern: '^pay_[0-9a-z]{26}$', description: 'A succeeded payment made for this hold with POST /payment/v2/payments.' }) },
      { additionalProperties: false, title: 'Existing payment' },
    ),
    Type.Object({ method: Type.Literal('card'), card: CardDetailsInput }, { additionalProperties: false, title: 'Card' }),
    Type.Object(
      { method: Type.Literal('invoice') },
      { additionalProperties: false, title: 'Invoice', description: "Recorded on the account's monthly statement." },
    ),
  ],
  {
    description:
      'How to pay: `{ payment_id }` of a succeeded payment made for this hold, `{ method: "card", card }` to charge a card now, ' +
      'or `{ method: "invoice" }` to bill the account (monthly statement).',
  },
);
