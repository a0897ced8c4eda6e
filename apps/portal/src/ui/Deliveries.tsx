import { Fragment, useState } from 'react';
import { api, type Realm } from '../api.ts';
import { ActionButton, Badge, Empty, formatDate, Loading, useLoad } from './components.tsx';

export interface Delivery {
  delivery_id: string;
  event_id: string;
  event_type: string;
  service: string;
  endpoint_id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  failed_at: string | null;
}

interface Attempt {
  attempt: number;
  started_at: string;
  outcome: string;
  status_code: number | null;
  latency_ms: number | null;
  response_excerpt: string | null;
  error: string | null;
}

const STATUS_KIND = { pending: 'warn', delivered: 'good', failed: 'bad' } as const;

function Attempts({ realm, deliveryId, query }: { realm: Realm; deliveryId: string; query: string }) {
  const { data, error } = useLoad(() => api<{ attempt_log: Attempt[] }>(realm, 'GET', `/deliveries/${deliveryId}${query}`), [deliveryId]);
  if (!data) return <Loading error={error} what="attempts" />;
  if (data.attempt_log.length === 0) return <p className="muted small">No attempt yet: the dispatcher picks it up within seconds.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>#</th>
          <th>When</th>
          <th>Outcome</th>
          <th className="num">HTTP</th>
          <th className="num">Latency</th>
          <th>Response or error</th>
        </tr>
      </thead>
      <tbody>
        {data.attempt_log.map((a) => (
          <tr key={a.attempt}>
            <td>{a.attempt}</td>
            <td className="small">{formatDate(a.started_at)}</td>
            <td>{a.outcome}</td>
            <td className="num">{a.status_code ?? '—'}</td>
            <td className="num">{a.latency_ms === null ? '—' : `${a.latency_ms} ms`}</td>
            <td className="small mono">{a.error ?? a.response_excerpt ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The delivery log of one account and environment: status, attempts, and resend for failures. */
export function DeliveryTable({ realm, deliveries, query, onChanged }: { realm: Realm; deliveries: Delivery[]; query: string; onChanged: () => void }) {
  const [open, setOpen] = useState<string>();
  if (deliveries.length === 0) return <Empty>No delivery matches.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Event</th>
            <th>Status</th>
            <th className="num">Attempts</th>
            <th>Last answer</th>
            <th>Created</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <Fragment key={d.delivery_id}>
              <tr data-testid="delivery-row">
                <td>
                  <span className="mono small">{d.event_type}</span>
                  <div className="muted small">{d.service}</div>
                </td>
                <td>
                  <Badge kind={STATUS_KIND[d.status]}>{d.status}</Badge>
                </td>
                <td className="num">{d.attempts}</td>
                <td className="small">{d.last_status_code ? `HTTP ${d.last_status_code}` : (d.last_error ?? '—')}</td>
                <td className="small muted">{formatDate(d.created_at)}</td>
                <td>
                  <div className="row">
                    <button type="button" className="button secondary small" onClick={() => setOpen(open === d.delivery_id ? undefined : d.delivery_id)}>
                      {open === d.delivery_id ? 'Hide attempts' : 'Attempts'}
                    </button>
                    {d.status !== 'pending' ? (
                      <ActionButton
                        onClick={async () => {
                          await api(realm, 'POST', `/deliveries/${d.delivery_id}/resend${query}`, {});
                          onChanged();
                        }}
                      >
                        Resend
                      </ActionButton>
                    ) : null}
                  </div>
                </td>
              </tr>
              {open === d.delivery_id ? (
                <tr>
                  <td colSpan={6}>
                    <Attempts realm={realm} deliveryId={d.delivery_id} query={query} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
