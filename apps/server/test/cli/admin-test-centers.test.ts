import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApp } from '../../src/platform/app-types.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { createIdGenerator } from '../../src/platform/ids.ts';
import { applicationToken, insertPartner } from '../factories/partner.ts';
import { bearer, DIALECTS, type TestApp } from '../harness.ts';
import { type CliResult, runCli, runCliJson, singleJsonObject } from '../support/cli.ts';
import { type CliTarget, createCliTarget } from '../support/cli-target.ts';
import { appOn } from '../support/in-process-app.ts';

/**
 * `admin test-center …` as a coordinator runs it: one child process per command (five per dialect: spawning costs
 * about a second each), then the result is read back through the partner API of an in-process app on the same
 * database, and from the audit log. The CLI runs on the real clock, so closure dates are computed from now.
 */

const ACTOR = 'ruth';
const DAY = 86_400_000;

interface Closure {
  closure_id: string;
  starts_at: string;
  ends_at: string;
  starts_at_local: string;
  status: string;
}

describe.each(DIALECTS)('admin test-center CLI on %s', { timeout: 90_000 }, (dialect) => {
  let target: CliTarget;
  let app: AtlasApp;
  let token: string;
  let created: Record<string, unknown>;
  let duplicate: CliResult;

  const cliJson = <T = Record<string, unknown>>(...args: string[]) => runCliJson<T>(args, target.env);
  const detail = async () => {
    const response = await app.inject({ url: '/test-centers/v2/test-centers/CA-OTT-01', headers: bearer(token) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    target = await createCliTarget(dialect, ACTOR);
    const args = [
      'admin',
      'test-center',
      'create',
      '--code',
      'CA-OTT-01',
      '--name',
      'Atlas Test Centre – Ottawa',
      '--address1',
      '55 Metcalfe Street, Suite 1300',
      '--city',
      'Ottawa',
      '--region',
      'ON',
      '--postal-code',
      'K1P 6L5',
      '--country',
      'CA',
      '--lat',
      '45.4215',
      '--lon=-75.6972',
      '--timezone',
      'America/Toronto',
      '--seats',
      '12',
      '--hours',
      'mon-fri 08:00-17:00; sat 09:00-13:00',
    ];
    created = await cliJson(...args);
    duplicate = await runCli([...args, '--json'], target.env);
    app = await appOn(target.database());
    const t = { app, ctx: { db: target.database().db, clock: systemClock, ids: createIdGenerator() } } as unknown as TestApp;
    const partner = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers' });
    token = await applicationToken(t, partner.sandbox);
  });

  afterAll(async () => {
    await app?.close();
    await target?.close();
  });

  it('create prints the centre as one JSON object, and partners find it by distance at once', async () => {
    expect(created).toMatchObject({
      location_code: 'CA-OTT-01',
      address: { city: 'Ottawa', region: 'ON', postal_code: 'K1P 6L5', country: 'CA' },
      latitude: 45.4215,
      longitude: -75.6972,
      timezone: 'America/Toronto',
      seats: 12,
      status: 'active',
      weekly_hours: { monday: [{ opens: '08:00', closes: '17:00' }], saturday: [{ opens: '09:00', closes: '13:00' }], sunday: [] },
      version: 1,
    });
    const near = await app.inject({ url: '/test-centers/v2/test-centers?near=45.4236,-75.7009&radius_km=10', headers: bearer(token) });
    expect(near.json().data).toEqual([expect.objectContaining({ location_code: 'CA-OTT-01', distance_km: expect.any(Number) })]);
    expect(near.json().data[0].distance_km).toBeLessThan(1);
  });

  it('refuses a second centre with the same code: exit 1 and the error as one JSON object', () => {
    expect(duplicate.code).toBe(1);
    expect(singleJsonObject(duplicate)).toEqual({ error: { code: 'TEST_CENTERS_LOCATION_CODE_TAKEN', message: 'a centre already has the code CA-OTT-01' } });
  });

  it('update changes the name and reduces seats, recording the reduction and what it affects', async () => {
    const updated = await cliJson(
      'admin',
      'test-center',
      'update',
      'CA-OTT-01',
      '--name',
      'Atlas Test Centre – Ottawa Centre',
      '--seats',
      '8',
      '--reason',
      'Room 2 refitted',
    );
    expect(updated).toMatchObject({ name: 'Atlas Test Centre – Ottawa Centre', seats: 8, previous_seats: 12, version: 2, affected_bookings: [] });
    expect(await detail()).toMatchObject({ name: 'Atlas Test Centre – Ottawa Centre', seats: 8 });
    const history = await target.database().db.selectFrom('test_center_capacity_change').selectAll().execute();
    expect(history).toEqual([expect.objectContaining({ previous_seats: 12, seats: 8, reason: 'Room 2 refitted', changed_by: `coordinator:${ACTOR}` })]);
  });

  it('close records a closure partners see in UTC and local time; reopen cancels it', async () => {
    const from = new Date(Math.ceil((Date.now() + 3 * DAY) / DAY) * DAY).toISOString();
    const to = new Date(Date.parse(from) + 6 * 3_600_000).toISOString();
    const closed = await cliJson<{ location_code: string; closure: Closure; affected_bookings: unknown[] }>(
      'admin',
      'test-center',
      'close',
      'CA-OTT-01',
      '--from',
      from,
      '--to',
      to,
      '--reason',
      'Elevator works',
    );
    expect(closed).toMatchObject({ location_code: 'CA-OTT-01', closure: { starts_at: from, ends_at: to, status: 'scheduled' }, affected_bookings: [] });
    expect(closed.closure.starts_at_local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00-0[45]:00$/);
    expect((await detail()).upcoming_closures).toEqual([expect.objectContaining({ closure_id: closed.closure.closure_id, reason: 'Elevator works' })]);

    const reopened = await cliJson<{ closure: Closure }>('admin', 'test-center', 'reopen', 'CA-OTT-01', '--closure', closed.closure.closure_id);
    expect(reopened.closure).toMatchObject({ closure_id: closed.closure.closure_id, status: 'cancelled' });
    expect((await detail()).upcoming_closures).toEqual([]);
  });

  it('audits every change under the coordinator who made it, without an account', async () => {
    const events = await target.database().db.selectFrom('audit_event').selectAll().where('target_type', '=', 'test_center').orderBy('occurred_at').execute();
    expect(events.map((e) => [e.action, e.actor, e.account_id])).toEqual([
      ['test_center.created', `coordinator:${ACTOR}`, null],
      ['test_center.updated', `coordinator:${ACTOR}`, null],
      ['test_center.closure_scheduled', `coordinator:${ACTOR}`, null],
      ['test_center.closure_cancelled', `coordinator:${ACTOR}`, null],
    ]);
  });
});
