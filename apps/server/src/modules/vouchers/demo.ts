import type { ServiceContext } from '../../platform/context.ts';

/** Seeds the demo partner's vouchers data (both environments) into a fresh demo sandbox. */
export async function seedDemoVouchers(_ctx: ServiceContext, _demo: { accountId: string; accountCode: string }): Promise<void> {}
