import type { Migration } from 'kysely';
import { identityMigration } from './0001_identity.ts';
import { idempotencyMigration } from './0002_idempotency.ts';
import { testPublicationMigration } from './0003_test_publication.ts';
import { testCentersMigration } from './0004_test_centers.ts';
import { vouchersMigration } from './0005_vouchers.ts';
import { eligibilityMigration } from './0006_eligibility.ts';
import { tokenIndexesMigration } from './0007_token_indexes.ts';
import { notificationsMigration } from './0008_notifications.ts';
import { bookingMigration } from './0009_booking.ts';
import { paymentMigration } from './0010_payment.ts';
import { deliveriesMigration } from './0011_deliveries.ts';
import { portalSessionsMigration } from './0012_portal_sessions.ts';
import { jobLeasesMigration } from './0013_job_leases.ts';
import { proctoringMigration } from './0014_proctoring.ts';
import { resultsMigration } from './0015_results.ts';
import { splitAccessTokensMigration } from './0016_split_access_tokens.ts';

/** The one ordered list of migrations for every dialect. Never edit a shipped migration: add the next one. */
export const migrations: Record<string, Migration> = {
  '0001_identity': identityMigration,
  '0002_idempotency': idempotencyMigration,
  '0003_test_publication': testPublicationMigration,
  '0004_test_centers': testCentersMigration,
  '0005_vouchers': vouchersMigration,
  '0006_eligibility': eligibilityMigration,
  '0007_token_indexes': tokenIndexesMigration,
  '0008_notifications': notificationsMigration,
  '0009_booking': bookingMigration,
  '0010_payment': paymentMigration,
  '0011_deliveries': deliveriesMigration,
  '0012_portal_sessions': portalSessionsMigration,
  '0013_job_leases': jobLeasesMigration,
  '0014_proctoring': proctoringMigration,
  '0015_results': resultsMigration,
  '0016_split_access_tokens': splitAccessTokensMigration,
};
