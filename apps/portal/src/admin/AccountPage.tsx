import { useState } from 'react';
import { api } from '../api.ts';
import { ActionButton, ActionForm, Alert, Badge, Card, Empty, Field, formatDate, Loading, PageHeader, SecretOnce, useLoad } from '../ui/components.tsx';
import { UsageCharts, type UsageReport } from '../ui/UsageCharts.tsx';
import { type AuditEvent, AuditTable } from './AuditPage.tsx';
import { parseCidrs, RoleChecks } from './RoleChecks.tsx';
import type { Account } from './roles.ts';

interface Detail extends Account {
  users: { username: string; email: string | null; status: string; must_change_password: boolean; created_at: string }[];
  applications: {
    application_id: string;
    name: string;
    tier: string;
    status: string;
    subscriptions: { service: string; tier: string }[];
    created_at: string;
  }[];
}

function Access({ account, onSaved }: { account: Detail; onSaved: () => void }) {
  const [roles, setRoles] = useState(account.roles);
  const [cidrs, setCidrs] = useState(account.cidrs.join('\n'));
  const [saved, setSaved] = useState(false);
  return (
    <ActionForm
      submitLabel="Save roles and IP ranges"
      onSubmit={async () => {
        await api('admin', 'PATCH', `/accounts/${account.account_code}`, { roles, cidrs: parseCidrs(cidrs) });
        setSaved(true);
        onSaved();
      }}
    >
      <RoleChecks value={roles} onChange={setRoles} />
      <Field label="IP ranges allowed to call Atlas" hint="One CIDR per line (IPv4 or IPv6). 0.0.0.0/0 and ::/0 allow any address.">
        {(id) => <textarea id={id} value={cidrs} onChange={(e) => setCidrs(e.target.value)} style={{ minHeight: '5rem' }} />}
      </Field>
      {saved ? <Alert kind="success">Saved. Tokens see the change within a second.</Alert> : null}
    </ActionForm>
  );
}

function Users({ account, onChanged }: { account: Detail; onChanged: () => void }) {
  const [username, setUsername] = useState('');
  const [issued, setIssued] = useState<{ username: string; password: string }>();
  return (
    <div className="stack">
      {issued ? (
        <SecretOnce label={`One-time password for ${issued.username}`} value={issued.password} note="Hand it over; it must be changed at first sign-in." />
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Username</th>
              <th>State</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {account.users.map((u) => (
              <tr key={u.username}>
                <td className="mono">{u.username}</td>
                <td>
                  {u.status === 'active' ? <Badge kind="good">active</Badge> : <Badge kind="bad">disabled</Badge>}{' '}
                  {u.must_change_password ? <Badge kind="warn">one-time password</Badge> : null}
                </td>
                <td>
                  <div className="row">
                    <ActionButton
                      onClick={async () => {
                        const r = await api<{ username: string; password: string }>(
                          'admin',
                          'POST',
                          `/accounts/${account.account_code}/users/${encodeURIComponent(u.username)}/reset-password`,
                          {},
                        );
                        setIssued(r);
                        onChanged();
                      }}
                    >
                      Reset password
                    </ActionButton>
                    <ActionButton
                      kind={u.status === 'active' ? 'danger' : 'secondary'}
                      onClick={async () => {
                        await api('admin', 'PUT', `/accounts/${account.account_code}/users/${encodeURIComponent(u.username)}/status`, {
                          status: u.status === 'active' ? 'disabled' : 'active',
                        });
                        onChanged();
                      }}
                    >
                      {u.status === 'active' ? 'Disable' : 'Enable'}
                    </ActionButton>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ActionForm
        className="row"
        submitLabel="Add user"
        onSubmit={async () => {
          const r = await api<{ username: string; password: string }>('admin', 'POST', `/accounts/${account.account_code}/users`, { username });
          setIssued(r);
          setUsername('');
          onChanged();
        }}
      >
        <input
          aria-label="New username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          placeholder="new.username"
          style={{ maxWidth: '16rem' }}
        />
      </ActionForm>
    </div>
  );
}

export function AccountPage({ accountCode }: { accountCode: string }) {
  const { data: account, error, reload } = useLoad(() => api<Detail>('admin', 'GET', `/accounts/${accountCode}`), [accountCode]);
  const usage = useLoad(() => api<UsageReport>('admin', 'GET', `/accounts/${accountCode}/usage?days=14`), [accountCode]);
  const audit = useLoad(() => api<{ data: AuditEvent[] }>('admin', 'GET', `/audit?account=${accountCode}&limit=50`).then((r) => r.data), [accountCode]);
  if (!account) return <Loading error={error} what="the account" />;
  return (
    <>
      <PageHeader
        title={account.name}
        lead={
          <>
            Account code <code>{account.account_code}</code> · created {formatDate(account.created_at)}
          </>
        }
        actions={
          <ActionButton
            kind={account.status === 'active' ? 'danger' : 'primary'}
            confirm={account.status === 'active' ? 'Disable this account? Its tokens stop working.' : undefined}
            onClick={async () => {
              await api('admin', 'PATCH', `/accounts/${account.account_code}`, { status: account.status === 'active' ? 'disabled' : 'active' });
              reload();
            }}
          >
            {account.status === 'active' ? 'Disable account' : 'Enable account'}
          </ActionButton>
        }
      />
      <div className="grid-2">
        <Card title="Roles and IP ranges">
          <Access account={account} onSaved={reload} />
        </Card>
        <Card title="API Store users">
          <Users account={account} onChanged={reload} />
        </Card>
      </div>
      <Card title="Applications">
        {account.applications.length === 0 ? (
          <Empty>The partner has no application yet.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Application</th>
                  <th>Tier</th>
                  <th>Subscriptions</th>
                  <th>Created</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {account.applications.map((a) => (
                  <tr key={a.application_id}>
                    <td>
                      {a.name} {a.status !== 'active' ? <Badge kind="bad">{a.status}</Badge> : null}
                      <div className="muted small mono">{a.application_id}</div>
                    </td>
                    <td>{a.tier}</td>
                    <td className="small">
                      {a.subscriptions.length === 0 ? '—' : null}
                      {a.subscriptions.map((s) => (
                        <div key={s.service} className="row" style={{ marginBottom: '0.25rem' }}>
                          <span>
                            {s.service} <span className="muted">({s.tier})</span>
                          </span>
                          <ActionButton
                            kind="danger"
                            confirm={`Remove the ${s.service} subscription of ${a.name}? Its calls to ${s.service} get 403 at once.`}
                            onClick={async () => {
                              await api('admin', 'DELETE', `/applications/${a.application_id}/subscriptions/${s.service}`);
                              reload();
                            }}
                          >
                            Remove
                          </ActionButton>
                        </div>
                      ))}
                    </td>
                    <td className="muted small">{formatDate(a.created_at)}</td>
                    <td>
                      <ActionButton
                        kind={a.status === 'active' ? 'danger' : 'secondary'}
                        confirm={a.status === 'active' ? `Disable ${a.name}? Its tokens stop working.` : undefined}
                        onClick={async () => {
                          await api('admin', 'PUT', `/applications/${a.application_id}/status`, { status: a.status === 'active' ? 'disabled' : 'active' });
                          reload();
                        }}
                      >
                        {a.status === 'active' ? 'Disable' : 'Enable'}
                      </ActionButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <h2 style={{ margin: '1.5rem 0 0.75rem' }}>Usage, last 14 days</h2>
      {usage.data ? <UsageCharts report={usage.data} /> : <Loading error={usage.error} what="usage" />}
      <Card title="Recent changes">{audit.data ? <AuditTable events={audit.data} /> : <Loading error={audit.error} what="the audit log" />}</Card>
    </>
  );
}
