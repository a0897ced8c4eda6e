import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import {
  type BookingPartner,
  bookOnline,
  CHECK_IN_AND_START,
  freePartner,
  get,
  P2,
  post,
  postEvents,
  put,
  R1,
  RES2,
  resultsOutbox,
  sessionOf,
} from './proctoring-support.ts';

describe.each(DIALECTS)('Online booking to released result over HTTP on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
  });
  afterAll(() => t.close());

  it('walks booking → launch URL → session with an incident → review verified → R1 result → release, and the outbox holds the four events in order', async () => {
    const { bookingCode, eligibility } = await bookOnline(t, p);
    const session = await sessionOf(t, p.sandbox, bookingCode);
    expect(session).toMatchObject({ session_id: expect.stringMatching(/^prs_/), state: 'scheduled', version: 1, eligibility_code: eligibility.code });

    const launch = await post(t, p.sandbox, `${P2}/sessions/${session.session_id}/launch-url`);
    expect(launch.statusCode).toBe(200);
    expect(launch.json()).toMatchObject({ expires_at: '2026-01-05T09:15:00.000Z', booking_code: bookingCode });
    const link = new URL(launch.json().launch_url);
    expect(link.pathname).toBe(`/proctoring/launch/${bookingCode}`);
    const opened = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ session_id: session.session_id, state: 'launched' });

    await postEvents(t, p.sandbox, session.session_id, CHECK_IN_AND_START);
    expect((await get(t, p.sandbox, `/booking/v2/bookings/${bookingCode}`)).json().status).toBe('checked_in');
    await postEvents(t, p.sandbox, session.session_id, [
      { type: 'INCIDENT', severity: 'high', reason_code: 'SECOND_PERSON_DETECTED', note: 'a voice off camera' },
      { type: 'PAUSED' },
      { type: 'RESUMED', extra_time_minutes: 10 },
    ]);
    const submitted = await postEvents(t, p.sandbox, session.session_id, [{ type: 'SUBMITTED' }]);
    expect(submitted).toMatchObject({ state: 'submitted', ended_as: 'submitted', incident_count: 1, max_severity: 'high', extra_time_minutes: 10 });
    expect((await get(t, p.sandbox, `/booking/v2/bookings/${bookingCode}`)).json().status).toBe('completed');

    const reviewed = await post(t, p.sandbox, `${P2}/sessions/${session.session_id}/review`, { decision: 'verified', notes: 'voice was a neighbour' });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json()).toMatchObject({
      state: 'verified',
      previous_state: 'under_review',
      review: { decision: 'verified', notes: 'voice was a neighbour' },
    });
    const events = (await get(t, p.sandbox, `${P2}/sessions/${session.session_id}/events`)).json().data;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'LAUNCHED',
      'SYSTEM_CHECK_PASSED',
      'ID_VERIFIED',
      'STARTED',
      'INCIDENT',
      'PAUSED',
      'RESUMED',
      'SUBMITTED',
      'REVIEW_STARTED',
      'REVIEW_VERIFIED',
    ]);

    t.clock.advance(20 * 60_000); // the test driver scores a little later (tokens live an hour)
    const posted = await put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '87' });
    expect(posted.statusCode).toBe(200);
    const resultId = posted.json().result_id;
    expect(posted.json()).toEqual({ result_id: expect.stringMatching(/^res_/), status: 'received' });
    const scored = (await get(t, p.sandbox, `${RES2}/results/${resultId}`)).json();
    expect(scored).toMatchObject({
      state: 'scored',
      booking_code: bookingCode,
      attempt: 1,
      test_version: 1,
      score_report: { outcome: 'PASS', overall: { raw: '87' } },
    });

    t.clock.advance(20 * 60_000);
    const released = await post(t, p.sandbox, `${RES2}/results/${resultId}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ state: 'released', released_at: expect.any(String) });

    // In time order: the proctoring outcome and its notice (one transaction), then the score report and its notice.
    const outbox = await resultsOutbox(t, p.accountId);
    expect(outbox.map((e) => e.created_at)).toEqual([...outbox.map((e) => e.created_at)].sort());
    expect(
      outbox
        .slice(0, 2)
        .map((e) => [e.service, e.type])
        .sort(),
    ).toEqual([
      ['proctoring-results', 'proctoring_result.available'],
      ['proctoring-results-notification', 'proctoring_result.available'],
    ]);
    expect(
      outbox
        .slice(2)
        .map((e) => [e.service, e.type])
        .sort(),
    ).toEqual([
      ['assessment-results', 'assessment_result.released'],
      ['assessment-results-notification', 'assessment_result.released'],
    ]);
    const of = (service: string) => outbox.find((e) => e.service === service);
    const [outcome, notice, report, reportNotice] = [
      of('proctoring-results'),
      of('proctoring-results-notification'),
      of('assessment-results'),
      of('assessment-results-notification'),
    ];
    expect((outcome?.created_at ?? '') < (report?.created_at ?? '')).toBe(true);
    expect(outcome?.payload).toMatchObject({
      session_id: session.session_id,
      state: 'verified',
      review: { decision: 'verified' },
      incidents: [{ severity: 'high', reason_code: 'SECOND_PERSON_DETECTED' }],
      candidate_id: eligibility.candidateId,
    });
    expect(notice?.payload).toEqual({
      session_id: session.session_id,
      booking_code: bookingCode,
      candidate_id: eligibility.candidateId,
      state: 'verified',
      decision: 'verified',
      version: outcome?.entity_version,
      href: `/proctoring/v2/sessions/${session.session_id}`,
    });
    expect(report?.payload).toMatchObject({ result_id: resultId, state: 'released', score_report: { outcome: 'PASS' }, change_reason: null });
    expect(reportNotice?.payload).toMatchObject({ result_id: resultId, change: 'released', href: `/results/v2/results/${resultId}` });
    // The booking's own notifications went out too: created, checked in, completed.
    const bookingEvents = await t.ctx.db.selectFrom('outbox_event').select('type').where('entity_id', '=', bookingCode).orderBy('entity_version').execute();
    expect(bookingEvents.map((e) => e.type)).toEqual(['booking.created', 'booking.checked_in', 'booking.completed']);
    const attempts = await t.ctx.db.selectFrom('eligibility').select(['attempts_used', 'state']).where('code', '=', eligibility.code).executeTakeFirstOrThrow();
    expect(Number(attempts.attempts_used)).toBe(1);
  });
});
