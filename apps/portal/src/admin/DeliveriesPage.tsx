import { useState } from 'react';
import { api } from '../api.ts';
import { ActionButton, Alert, Card, Empty, Field, Loading, PageHeader, useLoad } from '../ui/components.tsx';
import { type Delivery, DeliveryTable } from '../ui/Deliveries.tsx';
import type { Account } from './roles.ts';

/** Every partner's notification error queue, one account and environment at a time, with resend. */
export function DeliveriesPage() {
  const accounts = useLoad(() => api<{ data: Account[] }>('admin', 'GET', '/accounts').then((r) => r.data));
  const [account, setAccount] = useState('');
  const [env, setEnv] = useState('production');
  const [status, setStatus] = useState('failed');
  const [bulk, setBulk] = useState<string>();
  const code = account || accounts.data?.[0]?.account_code || '';
  const deliveries = useLoad(async () => {
    if (!code) return [];
    const query = `/deliveries?account=${code}&environment=${env}${status ? `&status=${status}` : ''}`;
    return (await api<{ data: Delivery[] }>('admin', 'GET', query)).data;
  }, [code, env, status]);
  return (
    <>
      <PageHeader
        title="Delivery errors"
        lead="Notifications Atlas could not deliver to a partner's endpoint after every retry, and what the endpoint answered."
      />
      <Card>
        {!accounts.data ? (
          <Loading error={accounts.error} what="accounts" />
        ) : accounts.data.length === 0 ? (
          <Empty>No partner account yet.</Empty>
        ) : (
          <div className="row" style={{ alignItems: 'flex-end', marginBottom: '1rem' }}>
            <Field label="Partner">
              {(id) => (
                <select id={id} value={code} onChange={(e) => setAccount(e.target.value)}>
                  {accounts.data?.map((a) => (
                    <option key={a.account_code} value={a.account_code}>
                      {a.name} ({a.account_code})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Environment">
              {(id) => (
                <select id={id} value={env} onChange={(e) => setEnv(e.target.value)}>
                  <option value="production">Production</option>
                  <option value="sandbox">Sandbox</option>
                </select>
              )}
            </Field>
            <Field label="Status">
              {(id) => (
                <select id={id} value={status} onChange={(e) => setStatus(e.target.value)}>
                  <option value="failed">Failed (error queue)</option>
                  <option value="pending">Pending</option>
                  <option value="delivered">Delivered</option>
                  <option value="">All</option>
                </select>
              )}
            </Field>
            <ActionButton
              onClick={async () => {
                const job = await api<{ total: number }>('admin', 'POST', `/accounts/${code}/deliveries/resend-failed?environment=${env}`, {});
                setBulk(`${job.total} failed deliveries of ${code} queued for resending.`);
                deliveries.reload();
              }}
            >
              Resend all failed
            </ActionButton>
          </div>
        )}
        {bulk ? <Alert kind="success">{bulk}</Alert> : null}
        {deliveries.data ? (
          <DeliveryTable realm="admin" deliveries={deliveries.data} query="" onChanged={deliveries.reload} />
        ) : (
          <Loading error={deliveries.error} what="deliveries" />
        )}
      </Card>
    </>
  );
}
