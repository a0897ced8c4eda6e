import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  FAILURE_WINDOW_MS,
  isSameOrigin,
  isSessionLive,
  LOCK_MS,
  lockedForSeconds,
  MAX_FAILURES,
  SESSION_IDLE_MS,
} from './portal-session.policy.ts';

const t0 = new Date('2026-01-05T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('sign-in lockout', () => {
  it('locks on the fifth failure within the window, for LOCK_MS', () => {
    let state = afterFailure(undefined, t0);
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(state.locked_until).toBeNull();
      state = afterFailure(state, at(i * 1000));
    }
    expect(state.failures).toBe(MAX_FAILURES);
    expect(lockedForSeconds(state, at(MAX_FAILURES * 1000))).toBe(Math.ceil((LOCK_MS - 1000) / 1000));
    expect(lockedForSeconds(state, at(LOCK_MS + MAX_FAILURES * 1000))).toBe(0);
  });

  it('starts counting again when the window has passed', () => {
    const state = afterFailure(afterFailure(afterFailure(undefined, t0), at(1)), at(2));
    expect(afterFailure(state, at(FAILURE_WINDOW_MS + 5))).toMatchObject({ failures: 1, locked_until: null });
  });

  it('does not extend a lock with failures made while locked', () => {
    let state = afterFailure(undefined, t0);
    for (let i = 1; i < MAX_FAILURES; i++) state = afterFailure(state, t0);
    expect(afterFailure(state, at(1000))).toEqual(state);
  });

  it('counts afresh after a lock has expired', () => {
    let state = afterFailure(undefined, t0);
    for (let i = 1; i < MAX_FAILURES; i++) state = afterFailure(state, t0);
    expect(afterFailure(state, at(LOCK_MS + 1))).toMatchObject({ failures: 1, locked_until: null });
  });
});

describe('sessions', () => {
  const session = { expires_at: at(12 * 3_600_000).toISOString(), last_seen_at: t0.toISOString(), revoked_at: null };
  it('live until idle for SESSION_IDLE_MS, revoked or past expiry', () => {
    expect(isSessionLive(session, at(1000))).toBe(true);
    expect(isSessionLive(session, at(SESSION_IDLE_MS))).toBe(false);
    expect(isSessionLive({ ...session, revoked_at: t0.toISOString() }, at(1))).toBe(false);
    expect(isSessionLive({ ...session, last_seen_at: at(12 * 3_600_000).toISOString() }, at(12 * 3_600_000))).toBe(false);
  });

  it('accepts a missing or matching Origin only', () => {
    expect(isSameOrigin(undefined, 'http://127.0.0.1:8080')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:8080', 'http://127.0.0.1:8080')).toBe(true);
    expect(isSameOrigin('https://evil.example', 'http://127.0.0.1:8080')).toBe(false);
  });
});
