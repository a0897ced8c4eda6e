import { useState } from 'react';
import { api } from '../api.ts';
import { Loading, PageHeader, useLoad } from '../ui/components.tsx';
import { UsageCharts, type UsageReport } from '../ui/UsageCharts.tsx';

export function UsagePage() {
  const [days, setDays] = useState(14);
  const [env, setEnv] = useState<'sandbox' | 'production'>('sandbox');
  const { data, error } = useLoad(() => api<UsageReport>('store', 'GET', `/usage?days=${days}&environment=${env}`), [days, env]);
  return (
    <>
      <PageHeader
        title="Usage"
        lead="Your account's calls through the gateway, per day and service, in UTC."
        actions={
          <div className="row">
            <select aria-label="Environment" value={env} onChange={(e) => setEnv(e.target.value as 'sandbox' | 'production')} style={{ width: 'auto' }}>
              <option value="sandbox">Sandbox</option>
              <option value="production">Production</option>
            </select>
            <select aria-label="Period" value={days} onChange={(e) => setDays(Number(e.target.value))} style={{ width: 'auto' }}>
              <option value={7}>Last 7 days</option>
              <option value={14}>Last 14 days</option>
              <option value={30}>Last 30 days</option>
              <option value={90}>Last 90 days</option>
            </select>
          </div>
        }
      />
      {data ? <UsageCharts report={data} /> : <Loading error={error} what="usage" />}
    </>
  );
}
