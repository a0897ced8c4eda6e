import { useState } from 'react';
import { api } from '../api.ts';
import { ActionForm, Alert, Badge, Card, Empty, Field, formatDate, Link, Loading, PageHeader, SecretOnce, useLoad } from '../ui/components.tsx';
import { parseCidrs, RoleChecks } from './RoleChecks.tsx';
import type { Account } from './roles.ts';

interface Created extends Account {
  username: string;
  password: string;
}

function CreateAccount({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [cidrs, setCidrs] = useState('');
  const [username, setUsername] = useState('');
  const [created, setCreated] = useState<Created>();
  if (created)
    return (
      <div className="stack" data-testid="handover">
        <Alert kind="success" title={`${created.name} is ready`}>
          Hand these three things to the partner, with the portal's address. The one-time password is shown only now.
        </Alert>
        <dl className="kv">
          <dt>Portal</dt>
          <dd className="mono">{window.location.origin}/store</dd>
          <dt>Account code</dt>
          <dd className="mono" data-testid="handover-account-code">
            {created.account_code}
          </dd>
          <dt>Username</dt>
          <dd className="mono" data-testid="handover-username">
            {created.username}
          </dd>
        </dl>
        <SecretOnce label="One-time password" value={created.password} note="The partner must change it at first sign-in. Shown only now." />
        <div>
          <button type="button" className="button secondary" onClick={() => setCreated(undefined)}>
            Create another account
          </button>
        </div>
      </div>
    );
  return (
    <ActionForm
      submitLabel="Create account"
      onSubmit={async () => {
        const result = await api<Created>('admin', 'POST', '/accounts', {
          name,
          roles,
          ...(parseCidrs(cidrs).length ? { cidrs: parseCidrs(cidrs) } : {}),
          ...(username ? { username } : {}),
        });
        setCreated(result);
        setName('');
        setRoles([]);
        setCidrs('');
        setUsername('');
        onCreated();
      }}
    >
      <Field label="Partner name">
        {(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} placeholder="State Board of Nursing" />}
      </Field>
      <RoleChecks value={roles} onChange={setRoles} />
      <Field label="IP ranges (optional)" hint="CIDRs separated by spaces or new lines. Empty: any address (0.0.0.0/0 and ::/0).">
        {(id) => <textarea id={id} value={cidrs} onChange={(e) => setCidrs(e.target.value)} style={{ minHeight: '4rem' }} placeholder="203.0.113.0/24" />}
      </Field>
      <Field label="API Store username (optional)" hint="Default: the account code in lower case followed by .admin">
        {(id) => <input id={id} value={username} onChange={(e) => setUsername(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

export function AccountsPage() {
  const { data, error, reload } = useLoad(() => api<{ data: Account[] }>('admin', 'GET', '/accounts').then((r) => r.data));
  return (
    <>
      <PageHeader title="Partner accounts" lead="Provision a partner, then hand over its account code, username and one-time password." />
      <div className="grid-2">
        <Card title="Create a partner account">
          <CreateAccount onCreated={reload} />
        </Card>
        <Card title="Accounts">
          {!data ? (
            <Loading error={error} what="accounts" />
          ) : data.length === 0 ? (
            <Empty>No partner account yet.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Account</th>
                    <th>Code</th>
                    <th>Roles</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data].reverse().map((a) => (
                    <tr key={a.account_code}>
                      <td>
                        <Link to={`/admin/accounts/${a.account_code}`}>{a.name}</Link> {a.status !== 'active' ? <Badge kind="bad">{a.status}</Badge> : null}
                      </td>
                      <td className="mono">{a.account_code}</td>
                      <td className="small">{a.roles.length}</td>
                      <td className="muted small">{formatDate(a.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
