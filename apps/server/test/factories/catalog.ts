import type { Environment } from '../../src/db/schema.ts';
import type { DeliveryMode } from '../../src/db/tables/test-publication.ts';
import { findAccountByCode } from '../../src/modules/identity/account.repository.ts';
import { insertTest as insertTestRow, insertTestVersion } from '../../src/modules/test-publication/test-publication.repository.ts';
import type { TestApp } from '../harness.ts';
import type { TestPartner } from './partner.ts';

export interface TestOverrides {
  testCode?: string;
  environment?: Environment;
  state?: 'draft' | 'published' | 'retired';
  title?: string;
  durationMinutes?: number;
  deliveryModes?: DeliveryMode[];
  price?: { amount: number; currency: string };
  portions?: { portion_code: string; portion_name: string; duration_minutes?: number }[];
  deliveryCountries?: string[];
  deliveryLocationCodes?: string[];
  policies?: Record<string, unknown>;
}

/** The policy document shape of test-publication (tiers sorted from the furthest ahead). */
export const DEFAULT_POLICIES = {
  change_tiers: [
    { min_hours_before: 168, reschedule_fee: 0, cancel_fee: 0 },
    { min_hours_before: 48, reschedule_fee: 2500, cancel_fee: 5000 },
  ],
  no_show_fee: 10000,
  retake: { waiting_days: 30, max_attempts: 3, period_days: 365 },
  accommodations_allowed: ['EXTRA_TIME_50', 'SEPARATE_ROOM'],
};

let sequence = 0;

/** Inserts a test (published by default) for a partner straight through the repository. */
export async function insertTest(t: TestApp, partner: TestPartner, overrides: TestOverrides = {}) {
  sequence += 1;
  const account = await findAccountByCode(t.ctx.db, partner.accountCode);
  if (!account) throw new Error(`no account ${partner.accountCode}`);
  const now = t.clock.now().toISOString();
  const id = t.ctx.ids.id('test');
  const testCode = overrides.testCode ?? `TEST${sequence}`;
  await insertTestRow(t.ctx.db, {
    id,
    account_id: account.id,
    environment: overrides.environment ?? 'sandbox',
    test_code: testCode,
    state: overrides.state ?? 'published',
    current_version: 1,
    created_at: now,
    updated_at: now,
  });
  await insertTestVersion(t.ctx.db, {
    test_id: id,
    version: 1,
    title: overrides.title ?? `Licensing exam ${sequence}`,
    description: null,
    duration_minutes: overrides.durationMinutes ?? 120,
    delivery_modes: JSON.stringify(overrides.deliveryModes ?? ['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED']),
    price_amount: overrides.price?.amount ?? 15000,
    price_currency: overrides.price?.currency ?? 'USD',
    portions: JSON.stringify(overrides.portions ?? [{ portion_code: 'P1', portion_name: 'Core knowledge' }]),
    languages: JSON.stringify(['en']),
    delivery_countries: JSON.stringify(overrides.deliveryCountries ?? ['US', 'CA', 'GB']),
    delivery_location_codes: JSON.stringify(overrides.deliveryLocationCodes ?? []),
    policies: JSON.stringify(overrides.policies ?? DEFAULT_POLICIES),
    created_at: now,
  });
  return { id, testCode, accountId: account.id };
}
