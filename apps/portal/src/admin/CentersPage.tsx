import { useState } from 'react';
import { api } from '../api.ts';
import { ActionButton, ActionForm, Badge, Card, Empty, Field, formatDate, Loading, PageHeader, useLoad } from '../ui/components.tsx';

interface Center {
  location_code: string;
  name: string;
  status: string;
  address?: { city?: string; country?: string };
  timezone?: string;
}

interface CenterDetail extends Center {
  closures: { closure_id: string; starts_at: string; ends_at: string; reason: string; status: string; created_by: string }[];
}

function Closures({ code }: { code: string }) {
  const { data, error, reload } = useLoad(() => api<CenterDetail>('admin', 'GET', `/test-centers/${code}`), [code]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  if (!data) return <Loading error={error} what="closures" />;
  return (
    <div className="stack">
      {data.closures.length === 0 ? (
        <Empty>No closure recorded.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th>Reason</th>
              <th>State</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.closures.map((c) => (
              <tr key={c.closure_id}>
                <td className="small">{formatDate(c.starts_at)}</td>
                <td className="small">{formatDate(c.ends_at)}</td>
                <td className="small">{c.reason}</td>
                <td>
                  <Badge kind={c.status === 'scheduled' ? 'warn' : 'neutral'}>{c.status}</Badge>
                </td>
                <td>
                  {c.status === 'scheduled' ? (
                    <ActionButton
                      onClick={async () => {
                        await api('admin', 'DELETE', `/test-centers/${code}/closures/${c.closure_id}`);
                        reload();
                      }}
                    >
                      Cancel closure
                    </ActionButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionForm
        submitLabel="Schedule closure"
        onSubmit={async () => {
          await api('admin', 'POST', `/test-centers/${code}/closures`, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason });
          setReason('');
          reload();
        }}
      >
        <div className="row">
          <Field label="From (local to your browser)">
            {(id) => <input id={id} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label="To">{(id) => <input id={id} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
        </div>
        <Field label="Reason" hint="Partners see it; bookings inside the range are affected.">
          {(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </ActionForm>
    </div>
  );
}

export function CentersPage() {
  const { data, error } = useLoad(() => api<{ data: Center[] }>('admin', 'GET', '/test-centers').then((r) => r.data));
  const [open, setOpen] = useState<string>();
  return (
    <>
      <PageHeader title="Test centres" lead="The network partners book into. Schedule a closure and Atlas tells the partners whose bookings it affects." />
      <Card>
        {!data ? (
          <Loading error={error} what="test centres" />
        ) : data.length === 0 ? (
          <Empty>No test centre yet. Create them with `atlas admin test-center create`.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Centre</th>
                  <th>Code</th>
                  <th>Where</th>
                  <th>State</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((c) => (
                  <tr key={c.location_code}>
                    <td>{c.name}</td>
                    <td className="mono">{c.location_code}</td>
                    <td className="small">{[c.address?.city, c.address?.country].filter(Boolean).join(', ') || c.timezone}</td>
                    <td>
                      <Badge kind={c.status === 'active' ? 'good' : 'bad'}>{c.status}</Badge>
                    </td>
                    <td>
                      <button type="button" className="button secondary small" onClick={() => setOpen(open === c.location_code ? undefined : c.location_code)}>
                        {open === c.location_code ? 'Hide closures' : 'Closures'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {open ? (
        <Card title={`Closures of ${open}`}>
          <Closures code={open} />
        </Card>
      ) : null}
    </>
  );
}
