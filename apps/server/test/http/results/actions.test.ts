import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { type BookingPartner, bookAtCentre, freePartner, get, post, put, R1, RES2, resultsOutbox } from '../proctoring/proctoring-support.ts';

describe.each(DIALECTS)('Result release, hold, amend and invalidate on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
  });
  afterAll(() => t.close());

  async function scoredResult(body: Record<string, unknown> = { result: 'FAIL', score: '64' }) {
    const { bookingCode } = await bookAtCentre(t, p);
    return (await put(t, p.sandbox, R1(bookingCode), body)).json().result_id as string;
  }
  const eventsOf = async (id: string) => (await resultsOutbox(t, p.accountId)).filter((e) => e.entity_id === id);

  it('an amendment of a released result is a new revision with its reason and diff, and a new outbound event', async () => {
    const id = await scoredResult();
    await post(t, p.sandbox, `${RES2}/results/${id}/release`);
    t.clock.advance(60_000);
    const amended = await post(t, p.sandbox, `${RES2}/results/${id}/amend`, { reason: 'item 12 rescored on appeal', outcome: 'PASS', overall: { raw: '71' } });
    expect(amended.statusCode).toBe(200);
    expect(amended.json()).toMatchObject({ state: 'released', revision: 2, version: 3, score_report: { outcome: 'PASS', overall: { raw: '71' } } });
    const history = (await get(t, p.sandbox, `${RES2}/results/${id}/history`)).json();
    expect(history.revisions).toHaveLength(2);
    expect(history.revisions[1]).toMatchObject({
      revision: 2,
      reason: 'item 12 rescored on appeal',
      diff: [
        { path: '/outcome', from: 'FAIL', to: 'PASS' },
        { path: '/overall/raw', from: '64', to: '71' },
      ],
    });
    expect(history.transitions.map((x: { action: string }) => x.action)).toEqual(['receive', 'release', 'amend']);
    const events = await eventsOf(id);
    const amendedEvents = events.filter((e) => e.type === 'assessment_result.amended');
    expect(amendedEvents.map((e) => e.service).sort()).toEqual(['assessment-results', 'assessment-results-notification']);
    const full = amendedEvents.find((e) => e.service === 'assessment-results');
    expect(full?.entity_version).toBe(3);
    expect(full?.previous_state).toBe('released');
    expect(full?.payload).toMatchObject({ revision: 2, change_reason: 'item 12 rescored on appeal', diff: [{ path: '/outcome' }, { path: '/overall/raw' }] });
    expect(events).toHaveLength(4);
  });

  it('an invalidation of a released result sends assessment_result.invalidated; nothing changes it afterwards', async () => {
    const id = await scoredResult();
    await post(t, p.sandbox, `${RES2}/results/${id}/release`);
    const invalidated = await post(t, p.sandbox, `${RES2}/results/${id}/invalidate`, { reason: 'misconduct found after the exam' });
    expect(invalidated.statusCode).toBe(200);
    expect(invalidated.json()).toMatchObject({ state: 'invalidated', previous_state: 'released', version: 3 });
    const events = (await eventsOf(id)).filter((e) => e.type === 'assessment_result.invalidated');
    expect(events.map((e) => e.service).sort()).toEqual(['assessment-results', 'assessment-results-notification']);
    expect(events.find((e) => e.service === 'assessment-results-notification')?.payload).toMatchObject({ change: 'invalidated', state: 'invalidated' });
    for (const action of ['release', 'amend', 'invalidate']) {
      const refused = await post(t, p.sandbox, `${RES2}/results/${id}/${action}`, { reason: 'again', outcome: 'PASS' });
      expect(refused.statusCode, action).toBe(409);
      expect(refused.json().code).toBe('RESULT_TRANSITION_NOT_ALLOWED');
    }
  });

  it('a held result is not sent until released; amending an unreleased result sends nothing', async () => {
    const id = await scoredResult();
    const held = await post(t, p.sandbox, `${RES2}/results/${id}/hold`, { reason: 'pending an investigation' });
    expect(held.json()).toMatchObject({ state: 'held', hold_reason: 'coordinator' });
    expect((await post(t, p.sandbox, `${RES2}/results/${id}/hold`, { reason: 'twice' })).statusCode).toBe(409);
    expect((await post(t, p.sandbox, `${RES2}/results/${id}/amend`, { reason: 'typo', overall: { raw: '65' } })).statusCode).toBe(200);
    expect(await eventsOf(id)).toHaveLength(0);
    expect((await post(t, p.sandbox, `${RES2}/results/${id}/release`)).json()).toMatchObject({ state: 'released', revision: 2 });
    expect(await eventsOf(id)).toHaveLength(2);
  });

  it('refuses an amendment that changes nothing, and a hold without a reason', async () => {
    const id = await scoredResult();
    const empty = await post(t, p.sandbox, `${RES2}/results/${id}/amend`, { reason: 'nothing', outcome: 'FAIL' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('RESULT_AMENDMENT_EMPTY');
    const noReason = await post(t, p.sandbox, `${RES2}/results/${id}/hold`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].pointer).toBe('/body/reason');
  });

  it('a different result from the test driver after release is an amendment with its event', async () => {
    const { bookingCode } = await bookAtCentre(t, p);
    const id = (await put(t, p.sandbox, R1(bookingCode), { result: 'FAIL', score: '50' })).json().result_id;
    await post(t, p.sandbox, `${RES2}/results/${id}/release`);
    const resent = await put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '75' });
    expect(resent.json().result_id).toBe(id);
    expect((await get(t, p.sandbox, `${RES2}/results/${id}`)).json()).toMatchObject({ state: 'released', revision: 2, score_report: { outcome: 'PASS' } });
    expect((await eventsOf(id)).filter((e) => e.type === 'assessment_result.amended')).toHaveLength(2);
  });

  it('lists results by booking, candidate and eligibility', async () => {
    const { bookingCode, eligibility } = await bookAtCentre(t, p);
    const id = (await put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '99' })).json().result_id;
    for (const filter of [`booking_code=${bookingCode}`, `candidate_id=${eligibility.candidateId}`, `eligibility_code=${eligibility.code}`]) {
      const page = (await get(t, p.sandbox, `${RES2}/results?${filter}`)).json();
      expect(
        page.data.map((r: { result_id: string }) => r.result_id),
        filter,
      ).toEqual([id]);
    }
    const paged = (await get(t, p.sandbox, `${RES2}/results?page_size=2`)).json();
    expect(paged.data).toHaveLength(2);
    expect(paged.next_cursor).toEqual(expect.any(String));
    const next = (await get(t, p.sandbox, `${RES2}/results?page_size=2&cursor=${paged.next_cursor}`)).json();
    expect(next.data[0].result_id < paged.data[1].result_id).toBe(true);
  });
});
