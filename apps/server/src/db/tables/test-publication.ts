import type { Environment } from '../schema.ts';

export type TestState = 'draft' | 'published' | 'retired';
export type DeliveryMode = 'SITE_PROCTORED' | 'ATLAS_REMOTE_PROCTORED';

/** A partner's exam, per account and environment; its definition lives in versions. */
export interface TestTable {
  id: string;
  account_id: string;
  environment: Environment;
  test_code: string;
  state: TestState;
  /** The version new bookings get; bookings keep the version they were made under. */
  current_version: number;
  created_at: string;
  updated_at: string;
}

/** One immutable definition of a test. JSON columns hold lists and the policy document (see test-publication.schemas.ts). */
export interface TestVersionTable {
  test_id: string;
  version: number;
  title: string;
  description: string | null;
  duration_minutes: number;
  /** JSON array of DeliveryMode. */
  delivery_modes: string;
  price_amount: number;
  price_currency: string;
  /** JSON arrays. */
  portions: string;
  languages: string;
  delivery_countries: string;
  delivery_location_codes: string;
  /** JSON policy document: change tiers, no-show fee, retake rule, accommodations allowed. */
  policies: string;
  created_at: string;
}

export interface TestPublicationTables {
  test: TestTable;
  test_version: TestVersionTable;
}
