/** Pure rules of results: the score report of each inbound body, the NA rule, diffs, and the state changes. */
import type { ResultOutcome, ResultState } from '../../db/tables/results.ts';

export interface Category {
  name: string;
  order: number | null;
  percent: number | null;
}

export interface ScoreReport {
  outcome: ResultOutcome;
  overall: { raw: string | null; scaled: number | null; percent: number | null; label: string | null };
  categories: Category[];
  category_total_count: number | null;
}

/** R1/R2 "Candidate Results Details". */
export interface ResultDetailsBody {
  result: ResultOutcome;
  score?: string;
}

/** R3 "candidate Result Data". */
export interface ResultDataBody {
  candidate_id: string;
  result: ResultOutcome;
  result_id?: string;
  overall_score_label?: string;
  overall_score_pct?: number;
  overall_score_scaled?: number;
  category_total_count?: number;
  category_scores?: { category_name: string; category_order?: number; category_score_pct?: number }[];
}

function numericPercent(score: string): number | null {
  const trimmed = score.trim().replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return score.trim().endsWith('%') ? value : null;
}

/** Why the body cannot be a result (`NA` without a score), or undefined. */
export function missingScore(report: ScoreReport): boolean {
  const o = report.overall;
  return report.outcome === 'NA' && (o.raw === null || o.raw.trim() === '') && o.scaled === null && o.percent === null && (o.label ?? '') === '';
}

export function reportFromDetails(body: ResultDetailsBody): ScoreReport {
  const raw = body.score ?? null;
  return {
    outcome: body.result,
    overall: { raw, scaled: null, percent: raw === null ? null : numericPercent(raw), label: null },
    categories: [],
    category_total_count: null,
  };
}

export function reportFromData(body: ResultDataBody): ScoreReport {
  return {
    outcome: body.result,
    overall: {
      raw: null,
      scaled: body.overall_score_scaled ?? null,
      percent: body.overall_score_pct ?? null,
      label: body.overall_score_label ?? null,
    },
    categories: (body.category_scores ?? [])
      .map((c) => ({ name: c.category_name, order: c.category_order ?? null, percent: c.category_score_pct ?? null }))
      .sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER)),
    category_total_count: body.category_total_count ?? null,
  };
}

export interface ReportChanges {
  outcome?: ResultOutcome;
  overall?: Partial<ScoreReport['overall']>;
  categories?: Category[];
  category_total_count?: number | null;
}

export function amendedReport(current: ScoreReport, changes: ReportChanges): ScoreReport {
  return {
    outcome: changes.outcome ?? current.outcome,
    overall: { ...current.overall, ...changes.overall },
    categories: changes.categories ?? current.categories,
    category_total_count: changes.category_total_count === undefined ? current.category_total_count : changes.category_total_count,
  };
}

export interface DiffEntry {
  path: string;
  from: unknown;
  to: unknown;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(path, Array.isArray(value) ? [] : {});
    for (const [key, child] of entries) flatten(child, `${path}/${key}`, out);
    return;
  }
  out.set(path, value);
}

/** Field-by-field differences (JSON pointers) between two reports; empty when they are the same. */
export function diffReports(before: ScoreReport, after: ScoreReport): DiffEntry[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((p) => ({ path: p, from: a.has(p) ? a.get(p) : null, to: b.has(p) ? b.get(p) : null }));
}

export type ResultAction = 'release' | 'hold' | 'amend' | 'invalidate';

export interface ResultFacts {
  state: ResultState;
  hold_reason: 'proctoring_review' | 'coordinator' | null;
}

export type ActionRefusal = { code: 'RESULT_TRANSITION_NOT_ALLOWED' | 'RESULT_AWAITING_REVIEW' | 'RESULT_PROCTORING_REJECTED'; detail: string };

/** Why the action is refused now, or undefined. `review` is the proctoring review of the booking's session. */
export function actionRefusal(result: ResultFacts, action: ResultAction, review: 'none' | 'pending' | 'verified' | 'rejected'): ActionRefusal | undefined {
  if (result.state === 'invalidated') return { code: 'RESULT_TRANSITION_NOT_ALLOWED', detail: 'the result is invalidated' };
  if (action === 'release') {
    if (result.state === 'released') return { code: 'RESULT_TRANSITION_NOT_ALLOWED', detail: 'the result is already released' };
    if (review === 'pending') return { code: 'RESULT_AWAITING_REVIEW', detail: 'the proctoring review of the session is not decided yet' };
    if (review === 'rejected') return { code: 'RESULT_PROCTORING_REJECTED', detail: 'the proctoring review rejected the session' };
  }
  if (action === 'hold' && result.state !== 'scored') {
    return { code: 'RESULT_TRANSITION_NOT_ALLOWED', detail: `only a scored result can be held (this one is ${result.state})` };
  }
  return undefined;
}

/** The state a new (or resubmitted, unreleased) result takes: held while the proctoring review is undecided. */
export function initialState(review: 'none' | 'pending' | 'verified' | 'rejected'): { state: ResultState; hold_reason: 'proctoring_review' | null } {
  return review === 'pending' || review === 'rejected' ? { state: 'held', hold_reason: 'proctoring_review' } : { state: 'scored', hold_reason: null };
}

/** Which outbound event a change sends: only results the partner sees (released, or released before). */
export function outboundTypeOf(action: ResultAction | 'resubmit', before: ResultState, after: ResultState): string | undefined {
  if (action === 'release' && after === 'released') return 'assessment_result.released';
  if ((action === 'amend' || action === 'resubmit') && before === 'released') return 'assessment_result.amended';
  if (action === 'invalidate' && before === 'released') return 'assessment_result.invalidated';
  return undefined;
}
