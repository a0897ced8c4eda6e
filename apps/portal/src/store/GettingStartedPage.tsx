import type { SessionInfo } from '../api.ts';
import { Card, Link, PageHeader } from '../ui/components.tsx';

export function GettingStartedPage({ session }: { session: SessionInfo }) {
  const origin = window.location.origin;
  const hasBooking = session.account?.roles.includes('psiBooking');
  return (
    <>
      <PageHeader
        title={`Welcome, ${session.account?.name ?? session.username}`}
        lead="From nothing to your first sandbox booking in a few minutes. The sandbox has realistic test centres and exams and never touches production data."
        actions={
          <>
            <a className="button secondary" href="/sdk/atlas-sdk.tgz" download>
              Download the TypeScript SDK
            </a>
            <Link to="/store/applications" className="button primary">
              Create an application
            </Link>
          </>
        }
      />
      <Card title="Getting started">
        <ol className="steps">
          <li>
            <strong>Create an application</strong> under <Link to="/store/applications">Applications</Link>. It has production and sandbox keys.
          </li>
          <li>
            <strong>Generate the sandbox secret</strong> on the application's page and copy it: it is shown once.
          </li>
          <li>
            <strong>Subscribe</strong> the application to the services you need{hasBooking ? ' — Booking, Eligibility and Test Center for a first booking' : ''}
            .
          </li>
          <li>
            <strong>Get a token</strong> with the client-credentials grant:
            <pre className="code">{`curl -u "$CONSUMER_KEY:$CONSUMER_SECRET" \\
  -d grant_type=client_credentials ${origin}/oauth2/token`}</pre>
          </li>
          <li>
            <strong>Check the connection</strong>:<pre className="code">{`curl -H "Authorization: Bearer $TOKEN" ${origin}/getting-started/v2/whoami`}</pre>
          </li>
          {hasBooking ? (
            <li>
              <strong>Book a seat</strong>: create an eligibility, search slots, hold one and confirm it.
              <pre className="code">{`curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"candidate": {...}, "test_code": "..."}' ${origin}/eligibility/v2/eligibilities
curl -H "Authorization: Bearer $TOKEN" "${origin}/booking/v2/slots?test_code=...&delivery_mode=SITE_PROCTORED"
curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"eligibility_code": "...", "slot_id": "..."}' ${origin}/booking/v2/holds
curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen)" \\
  -d '{"hold_id": "..."}' ${origin}/booking/v2/bookings`}</pre>
              <p className="muted small">
                The <Link to="/store/apis/booking">Booking reference</Link> lists every field; the <Link to="/store/try-it">Try it console</Link> runs each call
                with your sandbox token.
              </p>
            </li>
          ) : null}
          <li>
            <strong>Receive notifications</strong>: register an endpoint under <Link to="/store/notifications">Notifications</Link> and send it a test event.
          </li>
        </ol>
      </Card>
      <div className="grid-2">
        <Card title="SDK and references">
          <p>
            The TypeScript SDK wraps every service with typed methods and handles tokens for you: <code>npm install ./atlas-sdk.tgz</code>.
          </p>
          <p>
            Every API has an OpenAPI 3.1 document per version under <Link to="/store/apis">APIs</Link>, and all errors are listed in the{' '}
            <a href="/docs/errors">error catalogue</a>.
          </p>
        </Card>
        <Card title="Environments">
          <p>A token belongs to one environment: sandbox keys reach sandbox data only. Your coordinator controls which IP ranges may call production.</p>
        </Card>
      </div>
    </>
  );
}
