/** Tables of the vouchers module (filled in with its migration). */
// biome-ignore lint/suspicious/noEmptyInterface: the module adds its tables here
export interface VoucherTables {}
