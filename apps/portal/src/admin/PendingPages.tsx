import { Alert, Card, PageHeader } from '../ui/components.tsx';

/** Shown until the notification dispatcher (deliveries API) lands on main. */
export function DeliveriesPage() {
  return (
    <>
      <PageHeader title="Delivery errors" lead="Every partner's failed notification deliveries, with resend." />
      <Card>
        <Alert kind="info" title="Not available yet">
          The delivery queue arrives with the notification dispatcher. Partners' endpoints are already registered and audited.
        </Alert>
      </Card>
    </>
  );
}

export function ResultsPage() {
  return (
    <>
      <PageHeader title="Results" lead="Release, amend and invalidate assessment results." />
      <Card>
        <Alert kind="info" title="Not available yet">
          The results module is not part of this build yet. Its actions will appear here when it is.
        </Alert>
      </Card>
    </>
  );
}
