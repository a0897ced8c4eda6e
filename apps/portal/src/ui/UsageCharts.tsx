import { Card, Empty } from './components.tsx';

export interface UsageReport {
  since: string;
  days: string[];
  rows: { day: string; environment: string; service: string; version: string; status: number; requests: number; total_latency_ms: number }[];
}

type Kind = 'ok' | 'error' | 'throttled';
const COLORS: Record<Kind, string> = { ok: '#2563eb', error: '#dc2626', throttled: '#d97706' };
const kindOf = (status: number): Kind => (status === 429 ? 'throttled' : status >= 400 ? 'error' : 'ok');

/** Stacked bars per day (successful, errors, throttled), drawn by hand in SVG. */
function DailyChart({ report }: { report: UsageReport }) {
  const perDay = report.days.map((day) => {
    const counts: Record<Kind, number> = { ok: 0, error: 0, throttled: 0 };
    for (const r of report.rows) if (r.day === day) counts[kindOf(r.status)] += r.requests;
    return { day, counts, total: counts.ok + counts.error + counts.throttled };
  });
  const max = Math.max(1, ...perDay.map((d) => d.total));
  const width = 720;
  const height = 220;
  const pad = { left: 44, right: 8, top: 10, bottom: 28 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / perDay.length;
  const bar = Math.max(4, slot * 0.62);
  const ticks = [...new Set([0, 0.5, 1].map((f) => Math.round(max * f)))];
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Requests per day: successful, errors and throttled">
      {ticks.map((t) => {
        const y = pad.top + plotH - (t / max) * plotH;
        return (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} stroke="#e5e7eb" />
            <text x={pad.left - 6} y={y + 4} fontSize="11" textAnchor="end" fill="#57606a">
              {t}
            </text>
          </g>
        );
      })}
      {perDay.map((d, i) => {
        let y = pad.top + plotH;
        const x = pad.left + i * slot + (slot - bar) / 2;
        return (
          <g key={d.day}>
            <title>{`${d.day}: ${d.counts.ok} ok, ${d.counts.error} errors, ${d.counts.throttled} throttled`}</title>
            {(['ok', 'error', 'throttled'] as const).map((k) => {
              const h = (d.counts[k] / max) * plotH;
              y -= h;
              return h > 0 ? <rect key={k} x={x} y={y} width={bar} height={h} fill={COLORS[k]} rx="1.5" /> : null;
            })}
            {i % Math.ceil(perDay.length / 10) === 0 ? (
              <text x={x + bar / 2} y={height - 8} fontSize="11" textAnchor="middle" fill="#57606a">
                {d.day.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

function sum(rows: UsageReport['rows'], predicate: (r: UsageReport['rows'][number]) => boolean): number {
  return rows.filter(predicate).reduce((n, r) => n + r.requests, 0);
}

export function UsageCharts({ report }: { report: UsageReport }) {
  const total = sum(report.rows, () => true);
  const errors = sum(report.rows, (r) => kindOf(r.status) === 'error');
  const throttled = sum(report.rows, (r) => r.status === 429);
  const v1 = sum(report.rows, (r) => r.version === 'v1');
  const services = [...new Set(report.rows.map((r) => r.service))].sort();
  return (
    <>
      <div className="stat-row">
        <div className="stat">
          <div className="value">{total}</div>
          <div className="label">requests</div>
        </div>
        <div className="stat">
          <div className="value">{total ? `${((errors / total) * 100).toFixed(1)}%` : '0%'}</div>
          <div className="label">errors ({errors})</div>
        </div>
        <div className="stat">
          <div className="value">{throttled}</div>
          <div className="label">throttled (429)</div>
        </div>
        <div className="stat">
          <div className="value">{total ? `${Math.round((v1 / total) * 100)}%` : '0%'}</div>
          <div className="label">on v1 (deprecated)</div>
        </div>
      </div>
      <Card title="Requests per day">
        <div className="legend" style={{ marginBottom: '0.5rem' }}>
          <span style={{ ['--swatch' as string]: COLORS.ok }}>successful</span>
          <span style={{ ['--swatch' as string]: COLORS.error }}>errors</span>
          <span style={{ ['--swatch' as string]: COLORS.throttled }}>throttled</span>
        </div>
        <DailyChart report={report} />
      </Card>
      <Card title="Per service">
        {services.length === 0 ? (
          <Empty>No calls in this period. Calls through the gateway appear here within a few seconds.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Service</th>
                  <th className="num">v2</th>
                  <th className="num">v1</th>
                  <th className="num">Errors</th>
                  <th className="num">Throttled</th>
                  <th className="num">Avg latency</th>
                </tr>
              </thead>
              <tbody>
                {services.map((s) => {
                  const rows = report.rows.filter((r) => r.service === s);
                  const requests = sum(rows, () => true);
                  const latency = rows.reduce((n, r) => n + r.total_latency_ms, 0) / Math.max(1, requests);
                  return (
                    <tr key={s}>
                      <td>{s}</td>
                      <td className="num">{sum(rows, (r) => r.version === 'v2')}</td>
                      <td className="num">{sum(rows, (r) => r.version === 'v1')}</td>
                      <td className="num">{sum(rows, (r) => kindOf(r.status) === 'error')}</td>
                      <td className="num">{sum(rows, (r) => r.status === 429)}</td>
                      <td className="num">{latency.toFixed(1)} ms</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
