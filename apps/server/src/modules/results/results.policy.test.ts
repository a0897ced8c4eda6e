import { describe, expect, it } from 'vitest';
import { actionRefusal, amendedReport, diffReports, initialState, missingScore, outboundTypeOf, reportFromData, reportFromDetails } from './results.policy.ts';

describe('results policy', () => {
  it('reads PSI Candidate Results Details; NA needs a score', () => {
    expect(reportFromDetails({ result: 'PASS', score: '87' })).toEqual({
      outcome: 'PASS',
      overall: { raw: '87', scaled: null, percent: null, label: null },
      categories: [],
      category_total_count: null,
    });
    expect(reportFromDetails({ result: 'NA', score: '72%' }).overall.percent).toBe(72);
    expect(missingScore(reportFromDetails({ result: 'NA' }))).toBe(true);
    expect(missingScore(reportFromDetails({ result: 'NA', score: ' ' }))).toBe(true);
    expect(missingScore(reportFromDetails({ result: 'NA', score: 'B+' }))).toBe(false);
    expect(missingScore(reportFromDetails({ result: 'FAIL' }))).toBe(false);
  });

  it('reads PSI candidate Result Data with categories in order; NA needs an overall score', () => {
    const report = reportFromData({
      candidate_id: 'C1',
      result: 'NA',
      overall_score_scaled: 500,
      category_scores: [
        { category_name: 'B', category_order: 2, category_score_pct: 50 },
        { category_name: 'A', category_order: 1 },
      ],
    });
    expect(report.categories).toEqual([
      { name: 'A', order: 1, percent: null },
      { name: 'B', order: 2, percent: 50 },
    ]);
    expect(missingScore(report)).toBe(false);
    expect(missingScore(reportFromData({ candidate_id: 'C1', result: 'NA' }))).toBe(true);
  });

  it('diffs two reports field by field as JSON pointers', () => {
    const before = reportFromDetails({ result: 'FAIL', score: '60' });
    const after = amendedReport(before, { outcome: 'PASS', overall: { raw: '70' }, categories: [{ name: 'Core', order: 1, percent: 70 }] });
    expect(diffReports(before, after)).toEqual([
      { path: '/categories', from: [], to: null },
      { path: '/categories/0/name', from: null, to: 'Core' },
      { path: '/categories/0/order', from: null, to: 1 },
      { path: '/categories/0/percent', from: null, to: 70 },
      { path: '/outcome', from: 'FAIL', to: 'PASS' },
      { path: '/overall/raw', from: '60', to: '70' },
    ]);
    expect(diffReports(before, amendedReport(before, { outcome: 'FAIL' }))).toEqual([]);
  });

  it('waits for the proctoring review, and refuses release while it is pending or rejected', () => {
    expect(initialState('pending')).toEqual({ state: 'held', hold_reason: 'proctoring_review' });
    expect(initialState('none')).toEqual({ state: 'scored', hold_reason: null });
    const held = { state: 'held' as const, hold_reason: 'proctoring_review' as const };
    expect(actionRefusal(held, 'release', 'pending')?.code).toBe('RESULT_AWAITING_REVIEW');
    expect(actionRefusal(held, 'release', 'rejected')?.code).toBe('RESULT_PROCTORING_REJECTED');
    expect(actionRefusal({ state: 'scored', hold_reason: null }, 'release', 'verified')).toBeUndefined();
    expect(actionRefusal({ state: 'released', hold_reason: null }, 'hold', 'none')?.code).toBe('RESULT_TRANSITION_NOT_ALLOWED');
    expect(actionRefusal({ state: 'invalidated', hold_reason: null }, 'amend', 'none')?.code).toBe('RESULT_TRANSITION_NOT_ALLOWED');
  });

  it('sends only what the partner sees: a release, and amendments or invalidations of a released result', () => {
    expect(outboundTypeOf('release', 'scored', 'released')).toBe('assessment_result.released');
    expect(outboundTypeOf('amend', 'released', 'released')).toBe('assessment_result.amended');
    expect(outboundTypeOf('resubmit', 'released', 'released')).toBe('assessment_result.amended');
    expect(outboundTypeOf('amend', 'held', 'held')).toBeUndefined();
    expect(outboundTypeOf('invalidate', 'released', 'invalidated')).toBe('assessment_result.invalidated');
    expect(outboundTypeOf('invalidate', 'scored', 'invalidated')).toBeUndefined();
  });
});
