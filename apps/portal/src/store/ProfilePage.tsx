import { useState } from 'react';
import type { SessionInfo } from '../api.ts';
import { ChangePasswordForm } from '../ui/auth.tsx';
import { Alert, Badge, Card, PageHeader } from '../ui/components.tsx';

export function ProfilePage({ session, onChanged }: { session: SessionInfo; onChanged: (s: SessionInfo) => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeader title="Profile" lead="Your API Store user and your account's access." />
      <div className="grid-2">
        <Card title="Account">
          <dl className="kv">
            <dt>Account</dt>
            <dd>{session.account?.name}</dd>
            <dt>Account code</dt>
            <dd className="mono">{session.account?.account_code}</dd>
            <dt>Username</dt>
            <dd className="mono">{session.username}</dd>
            <dt>Roles</dt>
            <dd className="row">{session.account?.roles.length ? session.account.roles.map((r) => <Badge key={r}>{r}</Badge>) : 'none'}</dd>
          </dl>
        </Card>
        <Card title="Change password">
          {saved ? <Alert kind="success">Password changed. Your other sessions were signed out.</Alert> : null}
          <ChangePasswordForm
            realm="store"
            forced={false}
            onChanged={(s) => {
              setSaved(true);
              onChanged(s);
            }}
          />
        </Card>
      </div>
    </>
  );
}
