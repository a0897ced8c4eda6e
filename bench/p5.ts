/**
 * P5: slot search over 200 centres × 60 days (GET /booking/v2/slots for a test offered at every centre, the whole
 * 60-day range, first page), latency at one connection: the time a partner's search takes, not queueing behind
 * other searches. Bare Fastify GET at the same concurrency is measured alongside as the machine's noise floor.
 * Target: p99 ≤ 50 ms. Some seats are taken first, so the taken-count query reads real rows.
 */
import { queryNumber, startAtlas } from './lib/atlas.ts';
import { seedBookingBench } from './lib/booking-seed.ts';
import { startServer } from './lib/children.ts';
import { compare } from './lib/compare.ts';
import { basicAuth, expect, FORM, request } from './lib/http.ts';
import type { Target } from './lib/load.ts';
import { type BenchmarkReport, check, type RunContext } from './lib/report-types.ts';

const DAY_MS = 86_400_000;
const BARE_BODY = '{"hello":"world","service":"bare-fastify"}';
const CONNECTIONS = 1;

export async function runP5(ctx: RunContext): Promise<BenchmarkReport> {
  ctx.log('P5: slot search over 200 centres × 60 days (1 connection)');
  const bare = await startServer<{ path: string }>('bare-fastify', 'bare-fastify.ts');
  const atlas = await startAtlas(ctx, 'p5');
  const info = atlas.handle.info;
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([bare.stop(), atlas.handle.stop()]);
  };
  try {
    const seed = await seedBookingBench(info.sqliteFile, info.accountCode, { centres: 200, seats: 12, eligibilities: 300, durationMinutes: 120, price: 0 });
    const issued = await request(`${atlas.handle.origin}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basicAuth(info.consumerKey, info.consumerSecret), 'content-type': FORM },
      body: 'grant_type=client_credentials',
    });
    expect(issued.status === 200, 'the Token API issues a token', issued);
    const authorization = `Bearer ${issued.json.access_token as string}`;
    // The 60 days start tomorrow at 00:00 UTC, so every query in the run covers the same slots.
    const from = new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS).toISOString();
    const to = new Date(Date.parse(from) + 60 * DAY_MS).toISOString();
    const url = `${atlas.handle.origin}/booking/v2/slots?test_code=${seed.testCode}&from=${from}&to=${to}&page_size=100`;

    // Take seats spread over the range and the centres (holds), so the search subtracts real taken counts.
    const first = await request(`${url}`, { headers: { authorization } });
    expect(first.status === 200 && (first.json.data as unknown[]).length === 100, 'the search answers a full first page', first);
    let taken = 0;
    for (let i = 0; i < seed.eligibilityCodes.length; i++) {
      const centre = seed.locationCodes[(i * 7) % seed.locationCodes.length];
      const dayFrom = new Date(Date.parse(from) + (i % 60) * DAY_MS).toISOString();
      const dayTo = new Date(Date.parse(dayFrom) + DAY_MS).toISOString();
      const day = await request(`${atlas.handle.origin}/booking/v2/slots?test_code=${seed.testCode}&location_code=${centre}&from=${dayFrom}&to=${dayTo}`, {
        headers: { authorization },
      });
      const slot = (day.json.data as { slot_id: string }[] | undefined)?.[i % 5];
      if (!slot) continue;
      const hold = await request(`${atlas.handle.origin}/booking/v2/holds`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ eligibility_code: seed.eligibilityCodes[i], slot_id: slot.slot_id }),
      });
      expect(hold.status === 201, 'a hold is taken', hold);
      const booking = await request(`${atlas.handle.origin}/booking/v2/bookings`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ hold_id: hold.json.hold_id }),
      });
      expect(booking.status === 201, 'the hold is confirmed', booking);
      taken += 1;
    }
    const cells = queryNumber(info.sqliteFile, 'select count(*) as n from seat_cell where taken > 0');
    expect(cells > 0, `seat cells with taken seats exist (${cells})`);
    ctx.log(`  checked: ${seed.locationCodes.length} centres, ${taken} bookings over the 60 days (${cells} busy seat cells); full first page`);

    const baseline: Target = { label: 'bare Fastify GET', url: `${bare.origin}${bare.info.path}`, method: 'GET', verifyBody: (body) => body === BARE_BODY };
    const subject: Target = {
      label: 'Atlas GET slots (200 centres × 60 days)',
      url,
      method: 'GET',
      headers: { authorization },
      verifyBody: (body) => body.includes('"slot_id":"') && body.includes('"next_cursor":"'),
    };
    const comparison = await compare({ target: baseline, server: bare }, { target: subject, server: atlas.handle }, { ...ctx, connections: CONNECTIONS });
    await stopAll();
    return {
      id: 'P5',
      title: 'Slot search over 200 centres × 60 days',
      baselineName: 'bare Fastify GET (noise floor, 1 connection)',
      subjectName: 'Atlas GET /booking/v2/slots, 60 days, all centres (1 connection)',
      connections: CONNECTIONS,
      comparison,
      targets: [check('p99 latency of one search', comparison.subject.latencyMs.p99, '<=', 50, 'ms')],
      facts: { centres: seed.locationCodes.length, days: 60, bookingsBeforeLoad: taken, busySeatCells: cells, searches: comparison.subject.totalRequests },
    };
  } finally {
    await stopAll();
  }
}
