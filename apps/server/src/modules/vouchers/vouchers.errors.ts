import { defineErrors } from '../../platform/errors.ts';

/**
 * Every refusal of a code names its reason with its own error code, so a checkout can tell the candidate why
 * (expired, void, used…) without parsing text. State refusals are 409: the request was fine, the code's state is not.
 */
export const VoucherErrors = defineErrors({
  VOUCHER_NOT_FOUND: {
    status: 404,
    title: 'Voucher code not found',
    fix: 'Check the code (letters O/I/L are read as 0/1/1, dashes and case do not matter) and that your token is for the environment the code was issued in.',
  },
  VOUCHER_BATCH_NOT_FOUND: { status: 404, title: 'Voucher batch not found', fix: 'Check the batch id (vbt_…) and the environment of your token.' },
  VOUCHER_EXPIRED: { status: 409, title: 'Voucher code expired', fix: 'The code is past its expiry date or was expired: issue a new code.' },
  VOUCHER_VOID: { status: 409, title: 'Voucher code void', fix: 'The code (or its batch) was voided and can no longer be used.' },
  VOUCHER_ALREADY_REDEEMED: {
    status: 409,
    title: 'Voucher code already used',
    fix: 'The code has been redeemed as many times as its batch allows. Restore it first if the booking it paid was cancelled with a refund.',
  },
  VOUCHER_FORFEITED: { status: 409, title: 'Voucher code forfeited', fix: 'The code was consumed by a no-show and cannot be used again.' },
  VOUCHER_RESERVED: {
    status: 409,
    title: 'Voucher code reserved elsewhere',
    fix: 'The code is held for another eligibility or booking: release it there first, or name that reservation in `reserved_for`.',
  },
  VOUCHER_NOT_IN_USE: {
    status: 409,
    title: 'Voucher code is neither reserved nor redeemed',
    fix: 'Only a reserved or redeemed code can be restored; this one is already available.',
  },
  VOUCHER_NOT_APPLICABLE: {
    status: 422,
    title: 'Voucher code does not apply to this test',
    fix: 'Use the code for one of the tests in its `applies_to`, or a code from a batch that covers this test.',
  },
  VOUCHER_UNKNOWN_TEST: {
    status: 400,
    title: 'Unknown test code in the batch',
    fix: 'Every entry of `test_codes` must be a test of your account in the same environment (see the Test Publication API).',
  },
  VOUCHER_CURRENCY_MISMATCH: {
    status: 400,
    title: "Discount currency differs from a test's price currency",
    fix: 'An amount discount must be in the currency of every test it applies to: split the batch per currency.',
  },
  VOUCHER_BATCH_VOID: { status: 409, title: 'Voucher batch already void', fix: 'Nothing to do: its codes are void already.' },
});

export type VoucherRefusal =
  | typeof VoucherErrors.VOUCHER_EXPIRED
  | typeof VoucherErrors.VOUCHER_VOID
  | typeof VoucherErrors.VOUCHER_ALREADY_REDEEMED
  | typeof VoucherErrors.VOUCHER_FORFEITED
  | typeof VoucherErrors.VOUCHER_RESERVED
  | typeof VoucherErrors.VOUCHER_NOT_IN_USE
  | typeof VoucherErrors.VOUCHER_NOT_APPLICABLE;
