import { useEffect, useMemo, useState } from 'react';
import { api } from '../api.ts';
import { ActionButton, Alert, Badge, Card, Empty, Field, Link, Loading, PageHeader, useLoad } from '../ui/components.tsx';
import { useApplications } from './ApplicationsPage.tsx';
import { useCatalog } from './CatalogPage.tsx';
import { defaultValue, type Operation, operationsOf } from './openapi.ts';
import { loadSandboxToken, type StoredToken, saveSandboxToken } from './sandbox-token.ts';
import type { TokenResponse } from './types.ts';

interface Result {
  status: number;
  statusText: string;
  ms: number;
  requestId: string | null;
  body: string;
}

function SandboxToken({ token, onToken }: { token: StoredToken | undefined; onToken: (t: StoredToken) => void }) {
  const apps = useApplications();
  const [appId, setAppId] = useState('');
  if (!apps.data) return <Loading error={apps.error} what="applications" />;
  if (apps.data.length === 0)
    return (
      <Empty>
        Create an <Link to="/store/applications">application</Link> first: the console calls the sandbox with its token.
      </Empty>
    );
  const selected = appId || token?.applicationId || apps.data[0]?.application_id || '';
  return (
    <div className="stack">
      {token ? (
        <p>
          Calling as <strong>{token.applicationName}</strong> with a sandbox token valid until {new Date(token.expiresAt).toLocaleTimeString()}.
        </p>
      ) : (
        <p className="muted">No sandbox token yet.</p>
      )}
      <div className="row">
        <select aria-label="Application" value={selected} onChange={(e) => setAppId(e.target.value)} style={{ maxWidth: '18rem' }}>
          {apps.data.map((a) => (
            <option key={a.application_id} value={a.application_id}>
              {a.name}
            </option>
          ))}
        </select>
        <ActionButton
          kind={token ? 'secondary' : 'primary'}
          onClick={async () => {
            const app = apps.data?.find((a) => a.application_id === selected);
            if (!app) return;
            const result = await api<TokenResponse>('store', 'POST', `/applications/${app.application_id}/keys/sandbox/token`, {});
            const stored = {
              applicationId: app.application_id,
              applicationName: app.name,
              accessToken: result.access_token,
              expiresAt: Date.now() + result.expires_in * 1000,
            };
            saveSandboxToken(stored);
            onToken(stored);
          }}
        >
          Get a sandbox token
        </ActionButton>
      </div>
    </div>
  );
}

function OperationForm({ op, token }: { op: Operation; token: StoredToken | undefined }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState(op.bodyExample ?? '');
  const [result, setResult] = useState<Result>();
  useEffect(() => {
    setValues(
      Object.fromEntries(op.parameters.map((p) => [`${p.in}:${p.name}`, p.name.toLowerCase() === 'idempotency-key' ? crypto.randomUUID() : defaultValue(p)])),
    );
    setBody(op.bodyExample ?? '');
    setResult(undefined);
  }, [op]);
  const send = async () => {
    if (!token) throw new Error('Get a sandbox token first.');
    let path = op.path;
    const query = new URLSearchParams();
    const headers: Record<string, string> = { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' };
    for (const p of op.parameters) {
      const value = values[`${p.in}:${p.name}`] ?? '';
      if (p.in === 'path') {
        if (!value) throw new Error(`Fill in ${p.name}.`);
        path = path.replace(`{${p.name}}`, encodeURIComponent(value));
      } else if (p.in === 'query' && value !== '') query.set(p.name, value);
      else if (p.in === 'header' && value !== '') headers[p.name] = value;
    }
    if (op.bodyExample !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    // Same origin: the portal and the gateway are one server, so no CORS set-up is needed.
    const response = await fetch(`${path}${query.size ? `?${query}` : ''}`, {
      method: op.method,
      headers,
      body: op.bodyExample !== undefined ? body : undefined,
      credentials: 'omit',
    });
    const text = await response.text();
    let pretty = text;
    try {
      pretty = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // not JSON: show as it came
    }
    setResult({
      status: response.status,
      statusText: response.statusText,
      ms: Math.round(performance.now() - started),
      requestId: response.headers.get('x-request-id'),
      body: pretty,
    });
  };
  return (
    <div className="stack">
      <div className="row">
        <span className={`method method-${op.method.toLowerCase()}`}>{op.method}</span>
        <code>{op.path}</code>
      </div>
      {op.summary ? (
        <p className="muted" style={{ margin: 0 }}>
          {op.summary}
        </p>
      ) : null}
      {op.parameters.map((p) => (
        <Field key={`${p.in}:${p.name}`} label={`${p.name}${p.required ? ' *' : ''} (${p.in})`} hint={p.description}>
          {(id) => (
            <input id={id} value={values[`${p.in}:${p.name}`] ?? ''} onChange={(e) => setValues({ ...values, [`${p.in}:${p.name}`]: e.target.value })} />
          )}
        </Field>
      ))}
      {op.bodyExample !== undefined ? (
        <Field label="Request body (JSON)">{(id) => <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} spellCheck={false} />}</Field>
      ) : null}
      <div>
        <ActionButton kind="primary" onClick={send}>
          Send request
        </ActionButton>
      </div>
      {result ? (
        <section aria-label="Response" className="stack" data-testid="try-it-response">
          <div className="row">
            <span className="response-status" data-testid="response-status">
              {result.status} {result.statusText}
            </span>
            <Badge kind={result.status < 300 ? 'good' : result.status < 500 ? 'warn' : 'bad'}>{result.ms} ms</Badge>
            {result.requestId ? <span className="muted small">request id {result.requestId}</span> : null}
          </div>
          <pre className="code response-body">{result.body || '(empty body)'}</pre>
        </section>
      ) : null}
    </div>
  );
}

export function TryItPage() {
  const catalog = useCatalog();
  const initial = new URLSearchParams(window.location.search).get('service') ?? 'getting-started';
  const [service, setService] = useState(initial);
  const [version, setVersion] = useState('v2');
  const [token, setToken] = useState(loadSandboxToken());
  const [opId, setOpId] = useState<string>();
  const def = catalog.data?.find((s) => s.slug === service);
  const doc = useLoad(async () => {
    const url = def?.versions.find((v) => v.version === version)?.openapi_url;
    if (!url) return [];
    const response = await fetch(url);
    return operationsOf(await response.json());
  }, [def?.slug, version]);
  const op = useMemo(() => doc.data?.find((o) => o.id === opId) ?? doc.data?.[0], [doc.data, opId]);
  if (!catalog.data) return <Loading error={catalog.error} what="the catalog" />;
  return (
    <>
      <PageHeader
        title="Try it"
        lead="Call the sandbox from your browser with a sandbox token of one of your applications. Responses are real sandbox answers."
      />
      <Card title="Sandbox token">
        <SandboxToken token={token} onToken={setToken} />
      </Card>
      <Card title="Request">
        <div className="row" style={{ marginBottom: '1rem' }}>
          <Field label="Service">
            {(id) => (
              <select
                id={id}
                value={service}
                onChange={(e) => {
                  setService(e.target.value);
                  setOpId(undefined);
                }}
              >
                {catalog.data?.map((s) => (
                  <option key={s.slug} value={s.slug} disabled={s.versions.length === 0}>
                    {s.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Version">
            {(id) => (
              <select
                id={id}
                value={version}
                onChange={(e) => {
                  setVersion(e.target.value);
                  setOpId(undefined);
                }}
              >
                {(def?.versions ?? []).map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {!doc.data ? (
          <Loading error={doc.error} what="operations" />
        ) : doc.data.length === 0 ? (
          <Alert kind="info">This service has no {version} operations yet.</Alert>
        ) : (
          <div className="console-grid">
            <ul className="op-list" aria-label="Operations">
              {doc.data.map((o) => (
                <li key={o.id}>
                  <button type="button" aria-pressed={o.id === op?.id} onClick={() => setOpId(o.id)} title={o.summary}>
                    <span className={`method method-${o.method.toLowerCase()}`}>{o.method}</span>
                    <span className="mono small">{o.path.replace(/^\/[^/]+\/v\d/, '')}</span>
                  </button>
                </li>
              ))}
            </ul>
            {op ? <OperationForm op={op} token={token} /> : null}
          </div>
        )}
      </Card>
    </>
  );
}
