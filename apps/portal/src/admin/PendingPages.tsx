import { Alert, Card, PageHeader } from '../ui/components.tsx';

/** Shown while the results module is not part of the build. */
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
