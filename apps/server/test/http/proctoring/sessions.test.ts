import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeOutOverdueSessions } from '../../../src/modules/proctoring/proctoring.jobs.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import {
  type BookingPartner,
  bookAtCentre,
  bookOnline,
  CHECK_IN_AND_START,
  freePartner,
  get,
  P2,
  post,
  postEvents,
  resultsOutbox,
  sessionOf,
} from './proctoring-support.ts';

describe.each(DIALECTS)('Proctoring session events, review and simulator on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
  });
  afterAll(() => t.close());

  const newSession = async () => sessionOf(t, p.sandbox, (await bookOnline(t, p)).bookingCode);
  const event = (id: string, body: unknown, headers: Record<string, string> = {}) => post(t, p.sandbox, `${P2}/sessions/${id}/events`, body, headers);

  it('refuses events out of order with 409 and the state, and STARTED before check-in is complete', async () => {
    const { session_id } = await newSession();
    const early = await event(session_id, { type: 'SUBMITTED' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'PROCTORING_EVENT_NOT_ALLOWED', detail: expect.stringContaining('state scheduled') });
    await postEvents(t, p.sandbox, session_id, [{ type: 'LAUNCHED' }, { type: 'SYSTEM_CHECK_PASSED' }]);
    const start = await event(session_id, { type: 'STARTED' });
    expect(start.statusCode).toBe(409);
    expect(start.json()).toMatchObject({ code: 'PROCTORING_CHECK_IN_INCOMPLETE', detail: 'the exam cannot start without a verified ID' });
    const review = await post(t, p.sandbox, `${P2}/sessions/${session_id}/review`, { decision: 'verified' });
    expect(review.statusCode).toBe(409);
    expect(review.json().code).toBe('PROCTORING_REVIEW_NOT_ALLOWED');
    expect((await get(t, p.sandbox, `${P2}/sessions/${session_id}`)).json()).toMatchObject({ state: 'checking_in', version: 3 });
  });

  it('refuses incomplete incidents and terminations with 400 naming the field, and unknown event types', async () => {
    const { session_id } = await newSession();
    await postEvents(t, p.sandbox, session_id, [{ type: 'LAUNCHED' }]);
    const incident = await event(session_id, { type: 'INCIDENT', reason_code: 'NOISE' });
    expect(incident.statusCode).toBe(400);
    expect(incident.json()).toMatchObject({ code: 'PROCTORING_EVENT_INVALID', errors: [{ pointer: '/body/severity' }] });
    const terminate = await event(session_id, { type: 'TERMINATED' });
    expect(terminate.json()).toMatchObject({ code: 'PROCTORING_EVENT_INVALID', errors: [{ pointer: '/body/reason_code' }] });
    const extra = await event(session_id, { type: 'PAUSED', extra_time_minutes: 5 });
    expect(extra.statusCode).toBe(400);
    const unknown = await event(session_id, { type: 'DANCED' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION_FAILED');
    expect((await get(t, p.sandbox, `${P2}/sessions/${session_id}/events`)).json().data).toHaveLength(1);
  });

  it('replays an event sent twice with the same Idempotency-Key', async () => {
    const { session_id } = await newSession();
    const first = await event(session_id, { type: 'LAUNCHED' }, { 'idempotency-key': 'launch-1' });
    const again = await event(session_id, { type: 'LAUNCHED' }, { 'idempotency-key': 'launch-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await get(t, p.sandbox, `${P2}/sessions/${session_id}/events`)).json().data).toHaveLength(1);
  });

  it('a terminated session rejected on review sends the outcome; a revised decision is sent as changed', async () => {
    const { session_id } = await newSession();
    await postEvents(t, p.sandbox, session_id, [{ type: 'LAUNCHED' }, ...CHECK_IN_AND_START]);
    await postEvents(t, p.sandbox, session_id, [
      { type: 'INCIDENT', severity: 'critical', reason_code: 'PROHIBITED_MATERIAL' },
      { type: 'TERMINATED', reason_code: 'PROHIBITED_MATERIAL' },
    ]);
    const rejected = await post(t, p.sandbox, `${P2}/sessions/${session_id}/review`, { decision: 'rejected', notes: 'notes on the desk' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', ended_as: 'terminated', max_severity: 'critical' });
    const revised = await post(t, p.sandbox, `${P2}/sessions/${session_id}/review`, { decision: 'verified', notes: 'appeal upheld' });
    expect(revised.json()).toMatchObject({ state: 'verified', previous_state: 'rejected' });
    expect((await post(t, p.sandbox, `${P2}/sessions/${session_id}/review`, { decision: 'verified' })).statusCode).toBe(409);
    const events = (await resultsOutbox(t, p.accountId)).filter((e) => e.entity_id === session_id);
    expect(events.sort((a, b) => Number(a.entity_version) - Number(b.entity_version)).map((e) => `${e.entity_version}:${e.type}`)).toEqual([
      `${rejected.json().version}:proctoring_result.available`,
      `${rejected.json().version}:proctoring_result.available`,
      `${revised.json().version}:proctoring_result.changed`,
      `${revised.json().version}:proctoring_result.changed`,
    ]);
  });

  it('the sandbox simulator walks every path, including time-out and a failed check-in, and leaves a session ended on review none', async () => {
    const expected: Record<string, { state: string; ended_as: string }> = {
      completed: { state: 'verified', ended_as: 'submitted' },
      with_incident: { state: 'verified', ended_as: 'submitted' },
      terminated: { state: 'rejected', ended_as: 'terminated' },
      timed_out: { state: 'verified', ended_as: 'timed_out' },
      check_in_failed: { state: 'rejected', ended_as: 'terminated' },
    };
    for (const [path, outcome] of Object.entries(expected)) {
      const { session_id } = await newSession();
      const review = outcome.state === 'rejected' ? 'rejected' : 'verified';
      const simulated = await post(t, p.sandbox, `${P2}/sessions/${session_id}/simulate`, { path, review });
      expect(simulated.statusCode, path).toBe(200);
      expect(simulated.json(), path).toMatchObject(outcome);
    }
    const { session_id } = await newSession();
    const ended = await post(t, p.sandbox, `${P2}/sessions/${session_id}/simulate`, { path: 'timed_out', review: 'none' });
    expect(ended.json()).toMatchObject({ state: 'timed_out', review: null });
  });

  it('a test-centre booking has no session; lists show the sessions of online bookings', async () => {
    const { bookingCode } = await bookAtCentre(t, p);
    const centre = await get(t, p.sandbox, `${P2}/bookings/${bookingCode}/session`);
    expect(centre.statusCode).toBe(409);
    expect(centre.json().code).toBe('PROCTORING_NOT_ONLINE');
    const { session_id } = await newSession();
    const list = (await get(t, p.sandbox, `${P2}/sessions?state=scheduled&page_size=200`)).json();
    expect(list.data.map((s: { session_id: string }) => s.session_id)).toContain(session_id);
    expect(list.data.every((s: { state: string }) => s.state === 'scheduled')).toBe(true);
  });

  it('the link of eligibility v1 testLaunchInfo (E7) opens the same session', async () => {
    const { bookingCode, eligibility } = await bookOnline(t, p);
    const info = await get(t, p.sandbox, `/eligibility/v1/eligibilities/${eligibility.code}/testLaunchInfo`);
    expect(info.statusCode).toBe(200);
    const link = new URL(info.json().launch_url);
    const opened = await t.app.inject({ url: `${link.pathname}${link.search}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ booking_code: bookingCode, state: 'launched' });
    expect((await sessionOf(t, p.sandbox, bookingCode)).state).toBe('launched');
    expect((await t.app.inject({ url: `${link.pathname}${link.search}` })).json().state).toBe('launched');
  });

  it('the worker times out a sitting nobody closed, after the end plus extra time and grace, and completes the booking', async () => {
    const { bookingCode } = await bookOnline(t, p);
    const started = await sessionOf(t, p.sandbox, bookingCode);
    await postEvents(t, p.sandbox, started.session_id, [
      { type: 'LAUNCHED' },
      ...CHECK_IN_AND_START,
      { type: 'PAUSED' },
      { type: 'RESUMED', extra_time_minutes: 15 },
    ]);
    const { scheduled_end } = (await get(t, p.sandbox, `${P2}/sessions/${started.session_id}`)).json();
    const at = (minutesAfterEnd: number) => ({ ...t.ctx, clock: { now: () => new Date(new Date(scheduled_end).getTime() + minutesAfterEnd * 60_000) } });
    expect(await timeOutOverdueSessions(at(44))).toBe(0);
    expect((await sessionOf(t, p.sandbox, bookingCode)).state).toBe('in_progress');
    expect(await timeOutOverdueSessions(at(46))).toBe(1);
    const session = (await get(t, p.sandbox, `${P2}/sessions/${started.session_id}`)).json();
    expect(session).toMatchObject({ state: 'timed_out', ended_as: 'timed_out' });
    const events = (await get(t, p.sandbox, `${P2}/sessions/${started.session_id}/events`)).json().data;
    expect(events.at(-1)).toMatchObject({ type: 'TIMED_OUT', actor: 'system:proctoring-worker' });
    expect((await get(t, p.sandbox, `/booking/v2/bookings/${bookingCode}`)).json().status).toBe('completed');
    expect(await timeOutOverdueSessions(at(60))).toBe(0);
  });
});
