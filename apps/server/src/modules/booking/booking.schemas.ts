/** Wire shapes of the Booking API (v2 and its v1 mirror). No $id: the v1 and v2 routes share these objects. */
import { Type } from 'typebox';
import { PageQuery } from '../../platform/paging.ts';
import { PaymentInstructionInput } from '../payment/payment.schemas.ts';

const Money = Type.Object({ amount: Type.Integer({ description: 'Minor units.' }), currency: Type.String({ description: 'ISO 4217.' }) });
const Mode = Type.Union([Type.Literal('SITE_PROCTORED'), Type.Literal('ATLAS_REMOTE_PROCTORED')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const SLOT_ID = Type.String({
  minLength: 1,
  maxLength: 400,
  description: 'A slot_id exactly as the slot search returned it.',
  examples: ['WzEsIlMiLCJVUy1OWUMtMDEiLCJOVVJTRS1STiIsMjk1NDQ0ODBd'],
});

export const SlotQuery = Type.Object({
  test_code: Type.String({ minLength: 1, maxLength: 64, description: 'The test to book (its duration shapes the slots).', examples: ['NURSE-RN'] }),
  delivery_mode: Type.Optional(Mode),
  location_code: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Only this centre.' })),
  near: Type.Optional(
    Type.String({
      maxLength: 64,
      description: '`latitude,longitude`: centres sorted by distance are included (online slots are not).',
      examples: ['40.7128,-74.0060'],
    }),
  ),
  radius_km: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20000, description: 'With near: only centres this close.' })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Earliest start (ISO 8601; default now).' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Latest start, exclusive (default from + 14 days; at most 62 days after from).' })),
  ...PageQuery,
});

export const Slot = Type.Object({
  slot_id: Type.String({ description: 'Opaque and stable: hold it with POST /holds.' }),
  test_code: Type.String(),
  delivery_mode: Mode,
  starts_at: Type.String({ description: 'UTC.' }),
  ends_at: Type.String({ description: 'UTC.' }),
  starts_at_local: Type.String({ description: "Start in the centre's time zone with its offset (UTC for online)." }),
  location_timezone: Nullable(Type.String({ description: 'IANA zone of the centre; null online.' })),
  location_code: Nullable(Type.String()),
  location_name: Nullable(Type.String()),
  distance_km: Nullable(Type.Number({ description: 'With near.' })),
  seats_available: Type.Integer({ minimum: 1 }),
});
export const SlotPage = Type.Object({ data: Type.Array(Slot), next_cursor: Nullable(Type.String()) });

export const HoldBody = Type.Object(
  { eligibility_code: Type.String({ minLength: 1, maxLength: 64, description: 'The candidate’s eligibility for the test.' }), slot_id: SLOT_ID },
  { additionalProperties: false },
);
export const Hold = Type.Object({
  hold_id: Type.String({ examples: ['hld_01jd9z4q5k8m3n7p2r6s4t0v1w'] }),
  expires_at: Type.String({ description: 'The seat is kept until then (UTC); confirm before it.' }),
  price: Money,
  slot_id: Type.String(),
  starts_at: Type.String(),
  ends_at: Type.String(),
  delivery_mode: Mode,
  test_code: Type.String(),
  status: Type.String(),
});

export const ConfirmBody = Type.Object(
  {
    hold_id: Type.String({ minLength: 1, maxLength: 64, description: 'The hold to confirm.' }),
    payment: Type.Optional(PaymentInstructionInput),
    voucher_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Lowers the amount due (a full voucher covers it).' })),
  },
  { additionalProperties: false },
);

const Cancellation = Type.Object({ by: Type.String(), reason: Type.String(), fee: Money, refund: Money });
const Quote = Type.Object({
  allowed: Type.Boolean({ description: 'Whether a cancel or reschedule is accepted now.' }),
  fee: Money,
  refund: Money,
  reschedule_fee: Nullable(Money),
  fee_changes_at: Nullable(Type.String({ description: 'When the next, dearer tier starts (UTC).' })),
  deadline: Type.String({ description: 'From this instant (UTC) changes are refused.' }),
  deadline_local: Type.String({ description: 'The deadline in centre time.' }),
  summary: Type.String(),
});
export const Booking = Type.Object({
  booking_code: Type.String({ examples: ['K7M2Q9XD4P'] }),
  status: Type.String({ description: 'confirmed, checked_in, in_progress, completed, cancelled, no_show, excused_absence.' }),
  version: Type.Integer(),
  eligibility_code: Type.String(),
  candidate_id: Type.String(),
  test_code: Type.String(),
  test_version: Type.Integer(),
  delivery_mode: Mode,
  starts_at: Type.String(),
  ends_at: Type.String(),
  starts_at_local: Type.String(),
  location_timezone: Nullable(Type.String()),
  previous_starts_at: Nullable(Type.String()),
  location: Nullable(Type.Object({ location_code: Type.String(), name: Type.String(), address: Type.String(), timezone: Type.String() })),
  price: Money,
  discount: Money,
  amount_due: Money,
  voucher_code: Nullable(Type.String()),
  payment_method: Nullable(Type.String()),
  reschedule_count: Type.Integer(),
  cancellation: Nullable(Cancellation),
  cancellation_quote: Nullable(Quote),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export const BookingPage = Type.Object({ data: Type.Array(Booking), next_cursor: Nullable(Type.String()) });

export const ListBookingsQuery = Type.Object({
  candidate_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  eligibility_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  status: Type.Optional(
    Type.Union(['confirmed', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show', 'excused_absence'].map((s) => Type.Literal(s))),
  ),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Starts at or after (UTC).' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Starts before (UTC).' })),
  ...PageQuery,
});

export const BookingCodeParam = { booking_code: Type.String({ minLength: 1, maxLength: 32, description: 'The booking code.' }) };

export const CancelBody = Type.Object(
  {
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    cancelled_by: Type.Optional(Type.Union([Type.Literal('partner'), Type.Literal('candidate')], { description: 'Who asked (default partner).' })),
  },
  { additionalProperties: false },
);
export const RescheduleBody = Type.Object({ slot_id: SLOT_ID, payment: Type.Optional(PaymentInstructionInput) }, { additionalProperties: false });
export const SimulateBody = Type.Object(
  { event: Type.Union([Type.Literal('CHECKED_IN'), Type.Literal('EXAM_COMPLETED'), Type.Literal('ABSENT'), Type.Literal('EXCUSED_ABSENT')]) },
  { additionalProperties: false },
);
