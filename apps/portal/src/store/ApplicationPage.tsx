import { useState } from 'react';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { ActionButton, ActionForm, Alert, Badge, Card, Field, formatDate, Loading, PageHeader, SecretOnce, useLoad } from '../ui/components.tsx';
import { useCatalog } from './CatalogPage.tsx';
import { saveSandboxToken } from './sandbox-token.ts';
import type { AppKey, Application, Tier, TokenResponse } from './types.ts';

const OVERLAPS = [
  { seconds: 0, label: 'End the old secret now' },
  { seconds: 3600, label: 'Keep the old secret 1 hour' },
  { seconds: 86_400, label: 'Keep the old secret 24 hours' },
  { seconds: 604_800, label: 'Keep the old secret 7 days' },
];

function KeyCard({ app, appKey, onChanged }: { app: Application; appKey: AppKey; onChanged: () => void }) {
  const [overlap, setOverlap] = useState(appKey.rotated_at ? 86_400 : 0);
  const [secret, setSecret] = useState<string>();
  const [token, setToken] = useState<TokenResponse>();
  const env = appKey.environment;
  const title = env === 'sandbox' ? 'Sandbox keys' : 'Production keys';
  return (
    <Card title={title} actions={<Badge kind={env === 'sandbox' ? 'accent' : 'warn'}>{env}</Badge>}>
      <dl className="kv">
        <dt>Consumer key</dt>
        <dd className="mono" data-testid={`${env}-consumer-key`}>
          {appKey.consumer_key}
        </dd>
        <dt>Secret</dt>
        <dd>{appKey.rotated_at ? `generated ${formatDate(appKey.rotated_at)}` : 'not generated yet'}</dd>
        {appKey.previous_secret_expires_at ? (
          <>
            <dt>Previous secret</dt>
            <dd>valid until {formatDate(appKey.previous_secret_expires_at)}</dd>
          </>
        ) : null}
      </dl>
      {secret ? <SecretOnce label={`${env === 'sandbox' ? 'Sandbox' : 'Production'} consumer secret`} value={secret} /> : null}
      <div className="stack" style={{ marginTop: '0.9rem' }}>
        {appKey.rotated_at ? (
          <Field label="While the new secret rolls out">
            {(id) => (
              <select id={id} value={overlap} onChange={(e) => setOverlap(Number(e.target.value))}>
                {OVERLAPS.map((o) => (
                  <option key={o.seconds} value={o.seconds}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <div className="row">
          <ActionButton
            kind="primary"
            onClick={async () => {
              const result = await api<{ consumer_secret: string }>('store', 'POST', `/applications/${app.application_id}/keys/${env}/secret`, {
                overlap_seconds: overlap,
              });
              setSecret(result.consumer_secret);
              onChanged();
            }}
          >
            {appKey.rotated_at ? 'Rotate secret' : `Generate ${env} secret`}
          </ActionButton>
          <ActionButton
            onClick={async () => {
              const result = await api<TokenResponse>('store', 'POST', `/applications/${app.application_id}/keys/${env}/token`, {});
              setToken(result);
              if (env === 'sandbox') {
                saveSandboxToken({
                  applicationId: app.application_id,
                  applicationName: app.name,
                  accessToken: result.access_token,
                  expiresAt: Date.now() + result.expires_in * 1000,
                });
              }
            }}
          >
            Generate test token
          </ActionButton>
        </div>
        {token ? (
          <SecretOnce
            label={`Access token (${env}, expires in ${Math.round(token.expires_in / 60)} min)`}
            value={token.access_token}
            note={env === 'sandbox' ? 'The Try it console uses this token.' : 'Use it as: Authorization: Bearer <token>'}
          />
        ) : null}
      </div>
    </Card>
  );
}

function Subscriptions({ app, onChanged }: { app: Application; onChanged: () => void }) {
  const catalog = useCatalog();
  const tiers = useLoad(() => api<{ data: Tier[] }>('store', 'GET', '/tiers').then((r) => r.data));
  const [tierOf, setTierOf] = useState<Record<string, string>>({});
  if (!catalog.data || !tiers.data) return <Loading error={catalog.error ?? tiers.error} what="services" />;
  const services = catalog.data.filter((s) => s.requires_subscription);
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Service</th>
            <th>Status</th>
            <th>Tier</th>
            <th>
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const sub = app.subscriptions.find((x) => x.service === s.slug);
            const tier = tierOf[s.slug] ?? sub?.tier ?? 'Unlimited';
            return (
              <tr key={s.slug} data-testid={`subscription-${s.slug}`}>
                <td>
                  <strong>{s.title}</strong>
                  <div className="muted small">{s.summary}</div>
                </td>
                <td>{sub ? <Badge kind="good">subscribed</Badge> : <Badge>not subscribed</Badge>}</td>
                <td>
                  <select aria-label={`Tier for ${s.title}`} value={tier} onChange={(e) => setTierOf({ ...tierOf, [s.slug]: e.target.value })}>
                    {tiers.data?.map((t) => (
                      <option key={t.name} value={t.name}>
                        {t.name} · {t.requests_per_minute ? `${t.requests_per_minute.toLocaleString('en')}/min` : 'no limit'}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <div className="row">
                    <ActionButton
                      kind={sub ? 'secondary' : 'primary'}
                      onClick={async () => {
                        await api('store', 'PUT', `/applications/${app.application_id}/subscriptions/${s.slug}`, { tier });
                        onChanged();
                      }}
                    >
                      {sub ? 'Change tier' : `Subscribe to ${s.title}`}
                    </ActionButton>
                    {sub ? (
                      <ActionButton
                        kind="danger"
                        onClick={async () => {
                          await api('store', 'DELETE', `/applications/${app.application_id}/subscriptions/${s.slug}`);
                          onChanged();
                        }}
                      >
                        Unsubscribe
                      </ActionButton>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Settings({ app, onChanged }: { app: Application; onChanged: () => void }) {
  const [name, setName] = useState(app.name);
  const [saved, setSaved] = useState(false);
  return (
    <div className="stack">
      <ActionForm
        submitLabel="Rename"
        onSubmit={async () => {
          await api('store', 'PATCH', `/applications/${app.application_id}`, { name });
          setSaved(true);
          onChanged();
        }}
      >
        <Field label="Application name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />}</Field>
      </ActionForm>
      {saved ? <Alert kind="success">Saved.</Alert> : null}
      <div className="field">
        <span className="label-like">
          <strong>Password grant</strong>
        </span>
        <p className="hint">Lets this application exchange an API Store user's username and password for a user token (WSO2 compatibility).</p>
        <div className="row">
          <Badge kind={app.password_grant ? 'good' : 'neutral'}>{app.password_grant ? 'on' : 'off'}</Badge>
          <ActionButton
            onClick={async () => {
              await api('store', 'PATCH', `/applications/${app.application_id}`, { password_grant: !app.password_grant });
              onChanged();
            }}
          >
            {app.password_grant ? 'Switch the password grant off' : 'Switch the password grant on'}
          </ActionButton>
        </div>
      </div>
      <div className="field">
        <strong>Delete</strong>
        <p className="hint">Deletes the keys, subscriptions and tokens of this application at once. Calls with its tokens stop working.</p>
        <div>
          <ActionButton
            kind="danger"
            confirm={`Delete “${app.name}”? Its keys and tokens stop working.`}
            onClick={async () => {
              await api('store', 'DELETE', `/applications/${app.application_id}`);
              navigate('/store/applications');
            }}
          >
            Delete application
          </ActionButton>
        </div>
      </div>
    </div>
  );
}

export function ApplicationPage({ applicationId }: { applicationId: string }) {
  const { data: app, error, reload } = useLoad(() => api<Application>('store', 'GET', `/applications/${applicationId}`), [applicationId]);
  const [tab, setTab] = useState('keys');
  if (!app) return <Loading error={error} what="the application" />;
  const keys = [...app.keys].sort((a) => (a.environment === 'sandbox' ? -1 : 1));
  return (
    <>
      <PageHeader title={app.name} lead={app.description ?? `Application ${app.application_id}, created ${formatDate(app.created_at)}.`} />
      <div className="tabs" role="tablist" aria-label="Application sections">
        {[
          ['keys', 'Keys'],
          ['subscriptions', 'Subscriptions'],
          ['settings', 'Settings'],
        ].map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id as string)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'keys' ? (
        <div className="grid-2">
          {keys.map((k) => (
            <KeyCard key={k.environment} app={app} appKey={k} onChanged={reload} />
          ))}
        </div>
      ) : null}
      {tab === 'subscriptions' ? (
        <Card title="Subscriptions">
          <Subscriptions app={app} onChanged={reload} />
        </Card>
      ) : null}
      {tab === 'settings' ? (
        <Card title="Settings">
          <Settings app={app} onChanged={reload} />
        </Card>
      ) : null}
    </>
  );
}
