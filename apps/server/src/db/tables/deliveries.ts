import type { Environment } from '../schema.ts';
import type { OutboundService } from './notifications.ts';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'gone';

/**
 * One event to one endpoint. `pending` deliveries are claimed with a lease (`lease_owner` until `lease_expires_at`):
 * a process that dies mid-call leaves a lease that expires, and another process sends again with the same
 * `webhook-id` (the event id) — at least once. Entity columns are copied from the event for the ordering check.
 */
export interface DeliveryTable {
  /** `dlv_…` */
  id: string;
  event_id: string;
  endpoint_id: string;
  account_id: string;
  environment: Environment;
  service: OutboundService;
  event_type: string;
  entity_type: string;
  entity_id: string;
  entity_version: number;
  status: DeliveryStatus;
  /** Every attempt ever made (numbers the attempt log). */
  attempts: number;
  /** Attempts since the delivery was (re)queued: where it stands in the retry schedule. */
  round_attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  failed_at: string | null;
}

export interface DeliveryAttemptTable {
  /** `att_…` */
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: string;
  outcome: AttemptOutcome;
  status_code: number | null;
  latency_ms: number;
  /** The first 1 KiB of the receiver's answer. */
  response_excerpt: string | null;
  /** Network error, timeout or refusal (SSRF) when there was no answer. */
  error: string | null;
}

export type ResendJobStatus = 'queued' | 'running' | 'completed';

/** A bulk resend of failed deliveries matching `filter` (JSON), worked through in chunks with its progress. */
export interface ResendJobTable {
  /** `rsj_…` */
  id: string;
  account_id: string;
  environment: Environment;
  status: ResendJobStatus;
  filter: string;
  total: number | null;
  processed: number;
  /** Where the job has got to (ids sort by time), so a restarted worker continues. */
  last_delivery_id: string | null;
  requested_by: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface DeliveryTables {
  delivery: DeliveryTable;
  delivery_attempt: DeliveryAttemptTable;
  resend_job: ResendJobTable;
}
