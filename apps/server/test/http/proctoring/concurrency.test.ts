import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  put,
  R1,
  RES2,
  resultsOutbox,
  sessionOf,
} from './proctoring-support.ts';

describe.each(DIALECTS)('Concurrent proctoring events and result changes on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
  });
  afterAll(() => t.close());

  it('20 concurrent incidents are all recorded, each in its own place in the sequence', async () => {
    const { session_id } = await sessionOf(t, p.sandbox, (await bookOnline(t, p)).bookingCode);
    await postEvents(t, p.sandbox, session_id, [{ type: 'LAUNCHED' }, ...CHECK_IN_AND_START]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(t, p.sandbox, `${P2}/sessions/${session_id}/events`, { type: 'INCIDENT', severity: 'low', reason_code: `GAZE_${i}` }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    const session = (await get(t, p.sandbox, `${P2}/sessions/${session_id}`)).json();
    expect(session).toMatchObject({ incident_count: 20, version: 25 });
    const sequences = (await get(t, p.sandbox, `${P2}/sessions/${session_id}/events`)).json().data.map((e: { sequence: number }) => e.sequence);
    expect(sequences).toEqual(Array.from({ length: 24 }, (_, i) => i + 2));
  });

  it('of concurrent submit and terminate exactly one ends the sitting, and the booking completes once', async () => {
    const { bookingCode } = await bookOnline(t, p);
    const { session_id } = await sessionOf(t, p.sandbox, bookingCode);
    await postEvents(t, p.sandbox, session_id, [{ type: 'LAUNCHED' }, ...CHECK_IN_AND_START]);
    const answers = await Promise.all([
      post(t, p.sandbox, `${P2}/sessions/${session_id}/events`, { type: 'SUBMITTED' }),
      post(t, p.sandbox, `${P2}/sessions/${session_id}/events`, { type: 'TERMINATED', reason_code: 'NETWORK_LOST' }),
      post(t, p.sandbox, `${P2}/sessions/${session_id}/events`, { type: 'TIMED_OUT' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const completed = await t.ctx.db
      .selectFrom('outbox_event')
      .select('type')
      .where('entity_id', '=', bookingCode)
      .where('type', '=', 'booking.completed')
      .execute();
    expect(completed).toHaveLength(1);
  });

  it('10 concurrent releases of one result release it once and send it once', async () => {
    const { bookingCode } = await bookAtCentre(t, p);
    const id = (await put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '80' })).json().result_id;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(t, p.sandbox, `${RES2}/results/${id}/release`)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'RESULT_TRANSITION_NOT_ALLOWED')).toBe(true);
    expect((await resultsOutbox(t, p.accountId)).filter((e) => e.entity_id === id)).toHaveLength(2);
  });
});
