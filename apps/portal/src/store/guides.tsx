import type { ReactNode } from 'react';

/** Short, hand-written overviews and guides per service; the references carry every field. */
export const SERVICE_GUIDES: Record<string, { overview: ReactNode; guide: ReactNode }> = {
  'getting-started': {
    overview: <p>Check connectivity and your token before anything else. No role and no subscription are needed.</p>,
    guide: (
      <ol>
        <li>
          <code>GET /getting-started/v2/ping</code> answers <code>pong</code> when the token works.
        </li>
        <li>
          <code>GET /getting-started/v2/whoami</code> shows the account, application, environment and roles of the token.
        </li>
        <li>
          <code>POST /getting-started/v2/echo</code> returns what you send — handy to test your client's JSON.
        </li>
      </ol>
    ),
  },
  eligibility: {
    overview: <p>Authorise a candidate to test: the eligibility carries the candidate, the test and the window in which they may book.</p>,
    guide: (
      <ol>
        <li>
          Create it with <code>POST /eligibility/v2/eligibilities</code>; keep the <code>eligibility_code</code>.
        </li>
        <li>Update or cancel it while the candidate has no booking; attach vouchers if you issue them.</li>
        <li>v1 keeps PSI's published paths with the account code in the path.</li>
      </ol>
    ),
  },
  booking: {
    overview: <p>Find a seat, hold it, and confirm the booking — at a test centre or online with remote proctoring.</p>,
    guide: (
      <ol>
        <li>
          Search slots with <code>GET /booking/v2/slots?test_code=…&amp;delivery_mode=…</code>.
        </li>
        <li>
          Hold a seat with <code>POST /booking/v2/holds</code> (<code>eligibility_code</code>, <code>slot_id</code>); holds expire.
        </li>
        <li>
          Confirm with <code>POST /booking/v2/bookings</code> (<code>hold_id</code>); send an <code>Idempotency-Key</code> so retries are safe.
        </li>
        <li>
          In the sandbox, <code>POST …/bookings/&#123;code&#125;/simulate</code> moves a booking through check-in, completion or absence.
        </li>
      </ol>
    ),
  },
  'test-centers': {
    overview: <p>Find test centres by test, country or distance, with their opening hours, capacity and closures.</p>,
    guide: (
      <p>
        <code>GET /test-centers/v2/test-centers?near=51.5,-0.12&amp;radius_km=25</code> lists centres nearest first; each has an IANA time zone for showing
        local times.
      </p>
    ),
  },
  'test-publication': {
    overview: <p>Publish your exams: codes, portions, duration, delivery modes, price and policies, with versions.</p>,
    guide: (
      <p>
        Create a test with <code>POST /test-publication/v2/tests</code>, then publish it; candidates can only book published tests.
      </p>
    ),
  },
  vouchers: {
    overview: <p>Issue voucher batches and follow each code through validate, reserve, redeem, restore and expiry.</p>,
    guide: (
      <p>
        Create a batch with <code>POST /vouchers/v2/batches</code>; validate a code against a test before you reserve it.
      </p>
    ),
  },
  payment: {
    overview: <p>Take payments for bookings and fees, refund them, and fetch receipts. Every call is idempotent.</p>,
    guide: <p>The sandbox processor documents test card numbers that succeed or decline; use them to exercise both paths.</p>,
  },
  notifications: {
    overview: <p>Register endpoints for the outbound services, then follow deliveries and resend failures.</p>,
    guide: (
      <p>
        Every call is signed (Standard Webhooks): verify <code>webhook-signature</code> with your endpoint's <code>whsec_…</code> secret and de-duplicate on{' '}
        <code>webhook-id</code>.
      </p>
    ),
  },
};
