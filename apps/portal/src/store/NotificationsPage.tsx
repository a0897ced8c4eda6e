import { useState } from 'react';
import { api } from '../api.ts';
import { ActionButton, ActionForm, Badge, Card, Empty, Field, formatDate, Loading, PageHeader, SecretOnce, useLoad } from '../ui/components.tsx';

interface Endpoint {
  endpoint_id: string;
  service: string;
  url: string;
  events: string[] | null;
  format: string;
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
}

interface OutboundService {
  service: string;
  role: string;
  events: string[];
}

type Env = 'sandbox' | 'production';

function RegisterEndpoint({ env, services, onCreated }: { env: Env; services: OutboundService[]; onCreated: () => void }) {
  const [service, setService] = useState(services[0]?.service ?? '');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [secret, setSecret] = useState<string>();
  const known = services.find((s) => s.service === service)?.events ?? [];
  return (
    <>
      {secret ? (
        <SecretOnce label="Signing secret of the new endpoint" value={secret} note="Verify every call's webhook-signature with it. It is shown once." />
      ) : null}
      <ActionForm
        submitLabel="Register endpoint"
        onSubmit={async () => {
          const created = await api<{ signing_secret: string }>('store', 'POST', `/endpoints?environment=${env}`, {
            service,
            url,
            ...(events.length ? { events } : {}),
          });
          setSecret(created.signing_secret);
          setUrl('');
          setEvents([]);
          onCreated();
        }}
      >
        <Field label="Service">
          {(id) => (
            <select
              id={id}
              value={service}
              onChange={(e) => {
                setService(e.target.value);
                setEvents([]);
              }}
            >
              {services.map((s) => (
                <option key={s.service} value={s.service}>
                  {s.service}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Endpoint URL" hint={env === 'production' ? 'Production endpoints must be https on a public address.' : 'Where Atlas sends the events.'}>
          {(id) => <input id={id} type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://partner.example/webhooks/atlas" />}
        </Field>
        <fieldset className="field" style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: '0.92rem', marginBottom: '0.3rem' }}>Events (none ticked: all of them)</legend>
          <div className="checks">
            {known.map((e) => (
              <label key={e}>
                <input
                  type="checkbox"
                  checked={events.includes(e)}
                  onChange={(x) => setEvents(x.target.checked ? [...events, e] : events.filter((y) => y !== e))}
                />
                <span className="mono small">{e}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </ActionForm>
    </>
  );
}

export function NotificationsPage() {
  const [env, setEnv] = useState<Env>('sandbox');
  const services = useLoad(() => api<{ data: OutboundService[] }>('store', 'GET', '/outbound-services').then((r) => r.data));
  const endpoints = useLoad(() => api<{ data: Endpoint[] }>('store', 'GET', `/endpoints?environment=${env}`).then((r) => r.data), [env]);
  return (
    <>
      <PageHeader
        title="Notifications"
        lead="Atlas calls your endpoints when bookings, test centres and results change. Register an endpoint per service, then follow its deliveries."
        actions={
          <div className="tabs" role="tablist" aria-label="Environment" style={{ marginBottom: 0 }}>
            {(['sandbox', 'production'] as const).map((e) => (
              <button key={e} type="button" role="tab" aria-selected={env === e} onClick={() => setEnv(e)}>
                {e === 'sandbox' ? 'Sandbox' : 'Production'}
              </button>
            ))}
          </div>
        }
      />
      <div className="grid-2">
        <Card title="Endpoints">
          {!endpoints.data ? (
            <Loading error={endpoints.error} what="endpoints" />
          ) : endpoints.data.length === 0 ? (
            <Empty>No {env} endpoint yet.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Service</th>
                    <th>URL</th>
                    <th>State</th>
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {endpoints.data.map((e) => (
                    <tr key={e.endpoint_id} data-testid="endpoint-row">
                      <td>
                        {e.service}
                        <div className="muted small">{e.events ? e.events.join(', ') : 'all events'}</div>
                      </td>
                      <td className="mono small">{e.url}</td>
                      <td>
                        {e.enabled ? <Badge kind="good">enabled</Badge> : <Badge kind="bad">disabled</Badge>}
                        <div className="muted small">since {formatDate(e.created_at)}</div>
                      </td>
                      <td>
                        <div className="row">
                          <ActionButton
                            onClick={async () => {
                              await api('store', 'PATCH', `/endpoints/${e.endpoint_id}?environment=${env}`, { enabled: !e.enabled });
                              endpoints.reload();
                            }}
                          >
                            {e.enabled ? 'Disable' : 'Enable'}
                          </ActionButton>
                          <ActionButton
                            kind="danger"
                            confirm={`Delete the endpoint ${e.url}?`}
                            onClick={async () => {
                              await api('store', 'DELETE', `/endpoints/${e.endpoint_id}?environment=${env}`);
                              endpoints.reload();
                            }}
                          >
                            Delete
                          </ActionButton>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={`Register a ${env} endpoint`}>
          {!services.data ? (
            <Loading error={services.error} what="services" />
          ) : services.data.length === 0 ? (
            <Empty>Your account has no role with outbound notifications.</Empty>
          ) : (
            <RegisterEndpoint env={env} services={services.data} onCreated={endpoints.reload} />
          )}
        </Card>
      </div>
    </>
  );
}
