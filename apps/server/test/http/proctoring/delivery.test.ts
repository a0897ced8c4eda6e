import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { WebhookReceiver } from '../../support/webhook-receiver.ts';
import { testDispatcher } from '../notifications/dispatch-support.ts';
import { type BookingPartner, bookOnline, freePartner, P2, post, put, R1, RES2, sessionOf } from './proctoring-support.ts';

const SERVICES = ['proctoring-results', 'proctoring-results-notification', 'assessment-results', 'assessment-results-notification'] as const;

describe.each(DIALECTS)('Proctoring and assessment results reach a partner receiver on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('delivers the outcome, its notice, the score report and its notice, each signed and verifiable with standardwebhooks', async () => {
    const secrets = new Map<string, string>();
    for (const service of SERVICES) {
      const created = await post(t, p.sandbox, '/notifications/v2/endpoints', { service, url: receiver.url(`/${service}`) });
      expect(created.statusCode, created.body).toBe(201);
      secrets.set(service, created.json().signing_secret);
    }
    const { bookingCode } = await bookOnline(t, p);
    const { session_id } = await sessionOf(t, p.sandbox, bookingCode);
    await post(t, p.sandbox, `${P2}/sessions/${session_id}/simulate`, { path: 'with_incident', review: 'verified' });
    t.clock.advance(60_000);
    const resultId = (await put(t, p.sandbox, R1(bookingCode), { result: 'PASS', score: '83' })).json().result_id;
    t.clock.advance(60_000);
    expect((await post(t, p.sandbox, `${RES2}/results/${resultId}/release`)).statusCode).toBe(200);

    await testDispatcher(t).drain();

    // Receivers check the signature's timestamp against their own clock: verify as a receiver living at the test's time.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t.clock.now());
    try {
      const received = SERVICES.map((service) => {
        const calls = receiver.callsTo(`/${service}`);
        expect(calls, service).toHaveLength(1);
        const call = calls[0] as NonNullable<(typeof calls)[number]>;
        return new Webhook(secrets.get(service) as string).verify(call.body, call.headers as Record<string, string>) as Record<string, unknown>;
      });
      const [outcome, notice, report, reportNotice] = received;
      expect(outcome).toMatchObject({ type: 'proctoring_result.available', data: { session_id, state: 'verified', incidents: [{ severity: 'medium' }] } });
      expect(notice).toMatchObject({ type: 'proctoring_result.available', data: { session_id, href: `/proctoring/v2/sessions/${session_id}` } });
      expect(report).toMatchObject({
        type: 'assessment_result.released',
        data: { result_id: resultId, score_report: { outcome: 'PASS', overall: { raw: '83' } } },
      });
      expect(reportNotice).toMatchObject({ type: 'assessment_result.released', data: { result_id: resultId, change: 'released' } });
      expect(String(outcome?.occurred_at) < String(report?.occurred_at)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
