/**
 * Pure rules of portal sessions and sign-in lockout (no I/O; time comes in as arguments).
 */

/** Failed sign-ins for one username allowed within the window before it locks. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
/** A session ends after this long without a request, and at the latest after SESSION_MAX_MS. */
export const SESSION_IDLE_MS = 2 * 3_600_000;
export const SESSION_MAX_MS = 12 * 3_600_000;
/** last_seen_at is refreshed at most this often (one write per minute per session, not per request). */
export const TOUCH_EVERY_MS = 60_000;

export interface FailureState {
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** Seconds until the username unlocks, or 0 when it is not locked. */
export function lockedForSeconds(state: FailureState | undefined, now: Date): number {
  if (!state?.locked_until) return 0;
  const ms = new Date(state.locked_until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The state after one more failure: a stale window starts again; the MAX_FAILURES-th failure locks. */
export function afterFailure(state: FailureState | undefined, now: Date): FailureState {
  const windowOpen =
    state !== undefined && now.getTime() - new Date(state.window_started_at).getTime() < FAILURE_WINDOW_MS && lockedForSeconds(state, now) === 0;
  const stillLocked = state !== undefined && lockedForSeconds(state, now) > 0;
  if (stillLocked) return state;
  const failures = windowOpen ? state.failures + 1 : 1;
  return {
    failures,
    window_started_at: windowOpen ? state.window_started_at : now.toISOString(),
    locked_until: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS).toISOString() : null,
  };
}

export function isSessionLive(session: { expires_at: string; last_seen_at: string; revoked_at: string | null }, now: Date): boolean {
  if (session.revoked_at !== null) return false;
  if (session.expires_at <= now.toISOString()) return false;
  return now.getTime() - new Date(session.last_seen_at).getTime() < SESSION_IDLE_MS;
}

export function needsTouch(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - new Date(lastSeenAt).getTime() >= TOUCH_EVERY_MS;
}

/** State-changing calls must come from the portal's own origin (when the browser says where they come from). */
export function isSameOrigin(originHeader: string | undefined, expectedOrigin: string): boolean {
  if (originHeader === undefined) return true;
  return originHeader === expectedOrigin;
}
