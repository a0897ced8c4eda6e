/** Tables of the notifications module (filled in with its migration). */
// biome-ignore lint/suspicious/noEmptyInterface: the module adds its tables here
export interface NotificationTables {}
