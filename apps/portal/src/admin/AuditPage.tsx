import { useState } from 'react';
import { api } from '../api.ts';
import { Card, Empty, formatDate, Loading, PageHeader, useLoad } from '../ui/components.tsx';

export interface AuditEvent {
  id: string;
  occurred_at: string;
  actor: string;
  account_code: string | null;
  action: string;
  target_type: string;
  target_id: string;
  details: Record<string, unknown>;
}

function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? Object.keys(v as object).join(', ') : String(v)}`)
    .join(' · ');
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  if (events.length === 0) return <Empty>Nothing recorded yet.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Account</th>
            <th>What</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="small" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(e.occurred_at)}
              </td>
              <td className="small mono">{e.actor}</td>
              <td className="small mono">{e.account_code ?? '—'}</td>
              <td className="small">
                <strong>{e.action}</strong>
                <div className="muted mono">{e.target_id}</div>
              </td>
              <td className="small muted">{describe(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditPage() {
  const [account, setAccount] = useState('');
  const [filter, setFilter] = useState('');
  const { data, error } = useLoad(
    () => api<{ data: AuditEvent[] }>('admin', 'GET', `/audit?limit=200${filter ? `&account=${encodeURIComponent(filter)}` : ''}`).then((r) => r.data),
    [filter],
  );
  return (
    <>
      <PageHeader title="Audit log" lead="Every change to accounts, users, applications, keys, subscriptions, endpoints and test centres, newest first." />
      <Card>
        <form
          className="row"
          style={{ marginBottom: '1rem' }}
          onSubmit={(e) => {
            e.preventDefault();
            setFilter(account.trim().toUpperCase());
          }}
        >
          <input
            aria-label="Account code"
            value={account}
            onChange={(e) => setAccount(e.target.value)}
            placeholder="Account code"
            style={{ maxWidth: '12rem' }}
          />
          <button type="submit" className="button secondary">
            Filter
          </button>
        </form>
        {data ? <AuditTable events={data} /> : <Loading error={error} what="the audit log" />}
      </Card>
    </>
  );
}
