import { useState } from 'react';
import { api } from '../api.ts';
import { ActionForm, Badge, Card, Empty, Field, formatDate, Loading, PageHeader, useLoad } from '../ui/components.tsx';
import type { Account } from './roles.ts';

interface Result {
  result_id: string;
  booking_code: string;
  candidate_id: string;
  test_code: string;
  state: 'scored' | 'held' | 'released' | 'invalidated';
  revision: number;
  score_report: { outcome?: string; overall?: { raw?: string; scaled?: number; percent?: number } };
  updated_at: string;
}

const STATE_KIND = { scored: 'accent', held: 'warn', released: 'good', invalidated: 'bad' } as const;
const ACTIONS = [
  { action: 'release', label: 'Release' },
  { action: 'hold', label: 'Hold' },
  { action: 'amend', label: 'Amend outcome' },
  { action: 'invalidate', label: 'Invalidate' },
];

function ResultAction({ result, onDone }: { result: Result; onDone: () => void }) {
  const [action, setAction] = useState('release');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('PASS');
  return (
    <ActionForm
      className="stack"
      submitLabel="Apply"
      onSubmit={async () => {
        await api('admin', 'POST', `/results/${result.result_id}/${action}`, {
          ...(reason ? { reason } : {}),
          ...(action === 'amend' ? { outcome } : {}),
        });
        setReason('');
        onDone();
      }}
    >
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <Field label="Action">
          {(id) => (
            <select id={id} value={action} onChange={(e) => setAction(e.target.value)}>
              {ACTIONS.map((a) => (
                <option key={a.action} value={a.action}>
                  {a.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {action === 'amend' ? (
          <Field label="New outcome">
            {(id) => (
              <select id={id} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
                <option value="PASS">PASS</option>
                <option value="FAIL">FAIL</option>
                <option value="NA">NA</option>
              </select>
            )}
          </Field>
        ) : null}
        <Field label={action === 'release' ? 'Reason (optional)' : 'Reason'}>
          {(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
    </ActionForm>
  );
}

/** Assessment results of a partner: release, hold, amend and invalidate, each sent to the partner as a notification. */
export function ResultsPage() {
  const accounts = useLoad(() => api<{ data: Account[] }>('admin', 'GET', '/accounts').then((r) => r.data));
  const [account, setAccount] = useState('');
  const [env, setEnv] = useState('production');
  const [open, setOpen] = useState<string>();
  const code = account || accounts.data?.[0]?.account_code || '';
  const results = useLoad(
    async () => (code ? (await api<{ data: Result[] }>('admin', 'GET', `/results?account=${code}&environment=${env}`)).data : []),
    [code, env],
  );
  return (
    <>
      <PageHeader title="Results" lead="Score reports from test drivers. Releasing, amending or invalidating one notifies the partner." />
      <Card>
        {!accounts.data ? (
          <Loading error={accounts.error} what="accounts" />
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
          </div>
        )}
        {!results.data ? (
          <Loading error={results.error} what="results" />
        ) : results.data.length === 0 ? (
          <Empty>No result for this partner and environment yet.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Booking</th>
                  <th>Test</th>
                  <th>Outcome</th>
                  <th>State</th>
                  <th>Updated</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.data.map((r) => (
                  <tr key={r.result_id}>
                    <td className="mono small">
                      {r.booking_code}
                      <div className="muted">{r.candidate_id}</div>
                    </td>
                    <td className="small">{r.test_code}</td>
                    <td>
                      {r.score_report.outcome ?? '—'} <span className="muted small">{r.score_report.overall?.raw ?? ''}</span>
                    </td>
                    <td>
                      <Badge kind={STATE_KIND[r.state]}>{r.state}</Badge> {r.revision > 1 ? <span className="muted small">rev {r.revision}</span> : null}
                    </td>
                    <td className="small muted">{formatDate(r.updated_at)}</td>
                    <td>
                      {open === r.result_id ? (
                        <ResultAction
                          result={r}
                          onDone={() => {
                            setOpen(undefined);
                            results.reload();
                          }}
                        />
                      ) : (
                        <button type="button" className="button secondary small" onClick={() => setOpen(r.result_id)}>
                          Act on result
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
