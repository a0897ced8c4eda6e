/**
 * Pure delivery rules (notifications.md, "Delivery contract"): which endpoints get an event, what an answer means,
 * when to try again, when an endpoint has failed long enough to be disabled.
 */
import type { AttemptOutcome } from '../../../db/tables/deliveries.ts';
import type { EndpointFormat } from '../../../db/tables/notifications.ts';
import { hasPsiChangeReason } from './delivery-formats.ts';

/** Waits before retries 1..7 (about 27 h in all); the 8th failed attempt puts the delivery in the error queue. */
export const RETRY_SCHEDULE_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;
/** ±10 %: retries of many deliveries that failed together spread out instead of hitting the receiver at once. */
export const JITTER = 0.1;
/** A Retry-After longer than this is capped: a receiver cannot park our queue for days. */
export const MAX_RETRY_AFTER_MS = 10 * 3_600_000;
/** Continuous failure for this long disables the endpoint (with `disabled_reason: failing` and an audit notice). */
export const AUTO_DISABLE_AFTER_MS = 5 * 86_400_000;
/** The first KiB of a receiver's answer is kept in the attempt log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface EndpointFilter {
  format: EndpointFormat;
  /** JSON array of event types, or null for all. */
  event_types: string | null;
}

/** Whether an event goes to an endpoint of its service and environment: the event filter, and psi-v1's change reasons. */
export function endpointWantsEvent(endpoint: EndpointFilter, event: { type: string; data: unknown }): boolean {
  if (endpoint.event_types !== null && !(JSON.parse(endpoint.event_types) as string[]).includes(event.type)) return false;
  // PSI's NotificationRequest has no change reason for some changes (a check-in): those are not sent in psi-v1.
  if (endpoint.format === 'psi-v1' && !hasPsiChangeReason(event.data)) return false;
  return true;
}

/** The wait before the next attempt, after `roundAttempts` failed attempts in this round; null when none is left. */
export function retryDelayMs(roundAttempts: number, random: () => number = Math.random): number | null {
  const base = RETRY_SCHEDULE_MS[roundAttempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + JITTER * (2 * random() - 1)));
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}

export interface AttemptResult {
  /** null when no answer came (network error, timeout, refused address). */
  statusCode: number | null;
  retryAfter?: string | undefined;
  /** The payload cannot be rendered for this endpoint: retrying would not help. */
  permanent?: boolean;
}

export interface AttemptDecision {
  outcome: AttemptOutcome;
  /** For `retry`: when to try again. */
  nextAttemptAt?: Date;
}

/**
 * 2xx delivered; 410 gone (the endpoint is disabled); otherwise try again on the schedule — 429/503 after their
 * Retry-After when given — until the attempts run out (then `failed`, the error queue). Redirects are failures.
 */
export function decideAfterAttempt(result: AttemptResult, roundAttempts: number, now: Date, random: () => number = Math.random): AttemptDecision {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) return { outcome: 'delivered' };
  if (code === 410) return { outcome: 'gone' };
  if (result.permanent) return { outcome: 'failed' };
  const scheduled = retryDelayMs(roundAttempts, random);
  if (scheduled === null) return { outcome: 'failed' };
  const asked = code === 429 || code === 503 ? parseRetryAfter(result.retryAfter, now) : null;
  return { outcome: 'retry', nextAttemptAt: new Date(now.getTime() + (asked ?? scheduled)) };
}

/** An endpoint failing without a single success since `failingSince` is disabled once that lasted long enough. */
export function shouldAutoDisable(failingSince: string | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - Date.parse(failingSince) >= AUTO_DISABLE_AFTER_MS;
}

/** The test event type of a service: its event prefix + `.test` (e.g. `booking.test`); documented in the API. */
export function testEventType(serviceEvents: readonly string[]): string {
  const prefix = (serviceEvents[0] ?? 'notification.x').split('.')[0];
  return `${prefix}.test`;
}

/** The first bytes of an answer, cut on a character boundary. */
export function excerpt(bytes: Buffer): string {
  const cut = bytes.subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
  return cut.endsWith('\uFFFD') && bytes.length > RESPONSE_EXCERPT_BYTES ? cut.slice(0, -1) : cut;
}
