/**
 * Table types for Kysely. Portable column conventions (see docs/adr/0002-portable-columns.md):
 * timestamps are ISO-8601 UTC text, booleans are integers 0/1, JSON is text — identical in SQLite and PostgreSQL.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { BookingTables } from './tables/booking.ts';
import type { DeliveryTables } from './tables/deliveries.ts';
import type { EligibilityTables } from './tables/eligibility.ts';
import type { JobTables } from './tables/jobs.ts';
import type { NotificationTables } from './tables/notifications.ts';
import type { PaymentTables } from './tables/payment.ts';
import type { PortalTables } from './tables/portal.ts';
import type { ProctoringTables } from './tables/proctoring.ts';
import type { ResultTables } from './tables/results.ts';
import type { TestCenterTables } from './tables/test-centers.ts';
import type { TestPublicationTables } from './tables/test-publication.ts';
import type { VoucherTables } from './tables/vouchers.ts';

export type Environment = 'production' | 'sandbox';
export type Flag = 0 | 1;

export interface ThrottlingTierTable {
  name: string;
  description: string;
  /** null: no limit in that window. */
  requests_per_minute: number | null;
  requests_per_day: number | null;
  created_at: string;
}

export interface AccountTable {
  id: string;
  account_code: string;
  name: string;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface AccountRoleTable {
  account_id: string;
  role: string;
}

export interface AccountCidrTable {
  account_id: string;
  cidr: string;
}

export interface PortalUserTable {
  id: string;
  account_id: string;
  username: string;
  email: string | null;
  password_hash: string;
  /** 1 while the password is a one-time password: it only opens the portal's change form. */
  must_change_password: Flag;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface ApplicationTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  throttling_tier: string;
  password_grant_enabled: Flag;
  access_token_ttl_seconds: number;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface ApplicationKeyTable {
  id: string;
  application_id: string;
  environment: Environment;
  consumer_key: string;
  secret_hash: string;
  /** The secret replaced by the last rotation stays valid until previous_secret_expires_at. */
  previous_secret_hash: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  rotated_at: string | null;
}

export interface SubscriptionTable {
  id: string;
  application_id: string;
  service: string;
  throttling_tier: string;
  status: 'active' | 'blocked';
  created_at: string;
  updated_at: string;
}

export interface AccessTokenTable {
  id: string;
  token_hash: string;
  application_id: string;
  environment: Environment;
  user_id: string | null;
  /** Tokens issued from one password grant and its refreshes share a family; reuse of a refresh token revokes it. */
  family_id: string | null;
  scope: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** 1 for a token without its row id in it (issued before split tokens): looked up by hash (migration 0016). */
  found_by_hash: number;
}

export interface RefreshTokenTable {
  id: string;
  token_hash: string;
  family_id: string;
  application_id: string;
  environment: Environment;
  user_id: string | null;
  scope: string;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventTable {
  id: string;
  occurred_at: string;
  /** `coordinator:<name>`, `partner-user:<id>`, `system`. */
  actor: string;
  account_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  details: string;
}

export interface UsageMinuteTable {
  minute: string;
  account_id: string;
  application_id: string;
  environment: Environment;
  service: string;
  version: string;
  operation: string;
  status: number;
  request_count: number;
  total_latency_ms: number;
}

export interface IdempotencyKeyTable {
  account_id: string;
  environment: Environment;
  operation: string;
  idempotency_key: string;
  request_hash: string;
  /** null while the first request is still running (its transaction holds the row). */
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

export interface Database
  extends TestPublicationTables,
    TestCenterTables,
    VoucherTables,
    EligibilityTables,
    NotificationTables,
    BookingTables,
    PaymentTables,
    JobTables,
    DeliveryTables,
    ProctoringTables,
    ResultTables,
    PortalTables {
  throttling_tier: ThrottlingTierTable;
  account: AccountTable;
  account_role: AccountRoleTable;
  account_cidr: AccountCidrTable;
  portal_user: PortalUserTable;
  application: ApplicationTable;
  application_key: ApplicationKeyTable;
  subscription: SubscriptionTable;
  access_token: AccessTokenTable;
  refresh_token: RefreshTokenTable;
  audit_event: AuditEventTable;
  usage_minute: UsageMinuteTable;
  idempotency_key: IdempotencyKeyTable;
}

export type AccountRow = Selectable<AccountTable>;
export type PortalUserRow = Selectable<PortalUserTable>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type ApplicationKeyRow = Selectable<ApplicationKeyTable>;
export type SubscriptionRow = Selectable<SubscriptionTable>;
export type AccessTokenRow = Selectable<AccessTokenTable>;
export type RefreshTokenRow = Selectable<RefreshTokenTable>;
export type ThrottlingTierRow = Selectable<ThrottlingTierTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
export type ApplicationUpdate = Updateable<ApplicationTable>;
export type { Generated };
