import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { type BookingPartner, bookAtCentre, freePartner, put, R1 } from '../proctoring/proctoring-support.ts';
import { type Browser, call, newCoordinator } from './portal-support.ts';

describe.each(DIALECTS)('Results actions in the admin console on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let coordinator: Browser;
  let accountCode: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await freePartner(t);
    coordinator = (await newCoordinator(t)).browser;
    accountCode = (await t.ctx.db.selectFrom('account').select('account_code').where('id', '=', p.accountId).executeTakeFirstOrThrow()).account_code;
  });
  afterAll(() => t.close());

  it("lists a partner's results and releases, amends and invalidates one (a reason required but to release)", async () => {
    const { bookingCode } = await bookAtCentre(t, p);
    const id = (await put(t, p.sandbox, R1(bookingCode), { result: 'FAIL', score: '64' })).json().result_id;
    const list = (await call(t, coordinator, 'GET', `/results?account=${accountCode}&environment=sandbox`)).json().data;
    expect(list.map((r: { result_id: string }) => r.result_id)).toContain(id);
    expect((await call(t, coordinator, 'POST', `/results/${id}/release`, {})).json().state).toBe('released');
    const amended = await call(t, coordinator, 'POST', `/results/${id}/amend`, { reason: 'rescored on appeal', outcome: 'PASS' });
    expect(amended.json()).toMatchObject({ state: 'released', revision: 2, score_report: { outcome: 'PASS' } });
    expect((await call(t, coordinator, 'POST', `/results/${id}/invalidate`, {})).statusCode).toBe(400);
    expect((await call(t, coordinator, 'POST', `/results/${id}/invalidate`, { reason: 'misconduct' })).json().state).toBe('invalidated');
    expect((await call(t, coordinator, 'POST', `/results/${id}/release`, {})).statusCode).toBe(409);
    const history = (await call(t, coordinator, 'GET', `/results/${id}`)).json();
    expect(history.transitions.map((x: { action: string }) => x.action)).toEqual(['receive', 'release', 'amend', 'invalidate']);
    expect((await call(t, coordinator, 'GET', '/results/res_unknown')).statusCode).toBe(404);
  });
});
