/**
 * The seam between eligibility and booking for E7 (testLaunchInfo). The booking service (issue 4) provides an
 * `OnlineBookingLookup` that finds the eligibility's active online booking; until then the default finds none and
 * E7 answers "no online booking". The launch URL itself is signed here (HMAC-SHA256) and short-lived; the
 * proctoring side verifies it with `verifyLaunchUrl` and the same secret.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/executor.ts';
import type { EligibilityScope } from './eligibility.repository.ts';

export interface OnlineBooking {
  bookingCode: string;
  /** Appointment start, UTC ISO-8601. */
  startsAt: string;
}

export interface OnlineBookingLookup {
  /** The eligibility's active ATLAS_REMOTE_PROCTORED booking, if any. `eligibilityId` is the internal key. */
  findOnlineBooking(db: Executor, scope: EligibilityScope, eligibilityId: string): Promise<OnlineBooking | undefined>;
}

/** The default until the booking service exists: no eligibility has an online booking. */
export const noOnlineBookings: OnlineBookingLookup = {
  findOnlineBooking: async () => undefined,
};

/** How long a launch URL stays valid (ours): long enough to click, short enough not to be shared. */
export const LAUNCH_URL_TTL_SECONDS = 15 * 60;

export interface LaunchUrlSigner {
  sign(input: { origin: string; bookingCode: string; eligibilityCode: string; now: Date }): { launch_url: string; expires_at: string };
  verify(url: string, now: Date): boolean;
}

function signature(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * HMAC-signed launch URLs: `/proctoring/launch/{booking_code}?elg=…&exp=…&sig=…`. Without a configured secret each
 * process draws its own (fine for one node; the proctoring issue passes a shared one for many).
 */
export function createLaunchUrlSigner(secret: Buffer = randomBytes(32), ttlSeconds = LAUNCH_URL_TTL_SECONDS): LaunchUrlSigner {
  return {
    sign({ origin, bookingCode, eligibilityCode, now }) {
      const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
      const exp = String(Math.floor(expiresAt.getTime() / 1000));
      const path = `/proctoring/launch/${encodeURIComponent(bookingCode)}`;
      const query = new URLSearchParams({ elg: eligibilityCode, exp });
      query.set('sig', signature(secret, `${path}?${query.toString()}`));
      return { launch_url: `${origin}${path}?${query.toString()}`, expires_at: new Date(Number(exp) * 1000).toISOString() };
    },
    verify(url, now) {
      const parsed = new URL(url);
      const sig = parsed.searchParams.get('sig');
      const exp = Number(parsed.searchParams.get('exp'));
      if (!sig || !Number.isInteger(exp) || exp * 1000 <= now.getTime()) return false;
      parsed.searchParams.delete('sig');
      const expected = Buffer.from(signature(secret, `${parsed.pathname}?${parsed.searchParams.toString()}`));
      const given = Buffer.from(sig);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
