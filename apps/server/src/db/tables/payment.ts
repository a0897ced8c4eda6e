/** Payment tables (issue 4): payments, refunds, invoice charges. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the payment migration
export type PaymentTables = {};
