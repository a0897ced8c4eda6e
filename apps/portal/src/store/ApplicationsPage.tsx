import { useState } from 'react';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { ActionForm, Badge, Card, Empty, Field, formatDate, Link, Loading, PageHeader, useLoad } from '../ui/components.tsx';
import type { Application } from './types.ts';

export function useApplications() {
  return useLoad(() => api<{ data: Application[] }>('store', 'GET', '/applications').then((r) => r.data));
}

export function ApplicationsPage() {
  const { data, error } = useApplications();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  return (
    <>
      <PageHeader
        title="Applications"
        lead="An application is one of your systems that calls Atlas. Each has production and sandbox keys and its own subscriptions."
      />
      <div className="grid-2">
        <Card title="Your applications">
          {!data ? (
            <Loading error={error} what="applications" />
          ) : data.length === 0 ? (
            <Empty>No application yet. Create one to get keys.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Subscriptions</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((a) => (
                    <tr key={a.application_id}>
                      <td>
                        <Link to={`/store/applications/${a.application_id}`}>{a.name}</Link>
                        {a.status !== 'active' ? <Badge kind="bad">{a.status}</Badge> : null}
                      </td>
                      <td>{a.subscriptions.length ? a.subscriptions.map((s) => s.service).join(', ') : <span className="muted">none</span>}</td>
                      <td className="muted">{formatDate(a.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title="Create an application">
          <ActionForm
            submitLabel="Create application"
            onSubmit={async () => {
              const created = await api<Application>('store', 'POST', '/applications', { name, ...(description ? { description } : {}) });
              navigate(`/store/applications/${created.application_id}`);
            }}
          >
            <Field label="Name" hint="Unique within your account, e.g. “Candidate portal”.">
              {(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />}
            </Field>
            <Field label="Description (optional)">
              {(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} />}
            </Field>
          </ActionForm>
        </Card>
      </div>
    </>
  );
}
