/**
 * P3: booking end to end through HTTP — POST /booking/v2/holds then POST /booking/v2/bookings (confirm), one flow
 * per iteration on each of `connections` keep-alive connections — against bare Fastify answering a POST that inserts
 * one row into SQLite. Target: ≥ 0.25 of the baseline (flows/s ÷ baseline requests/s). The test is free (price 0),
 * so no payment runs: this measures the booking path itself (seat cells, hold, booking, eligibility, outbox event).
 */
import { queryNumber, startAtlas } from './lib/atlas.ts';
import { seedBookingBench } from './lib/booking-seed.ts';
import { startServer } from './lib/children.ts';
import { type Comparison, median, summarize } from './lib/compare.ts';
import { type FlowTarget, runFlowLoad } from './lib/flow-load.ts';
import { basicAuth, expect, FORM, request } from './lib/http.ts';
import { type BenchmarkReport, check, type RunContext } from './lib/report-types.ts';

const DAY_MS = 86_400_000;

/** Slot ids of the seeded test over a month, through the public search (several pages). */
async function collectSlots(origin: string, authorization: string, testCode: string, wanted: number): Promise<string[]> {
  const from = new Date(Date.now() + 3 * DAY_MS).toISOString();
  const to = new Date(Date.now() + 33 * DAY_MS).toISOString();
  const slots: string[] = [];
  let cursor: string | null = null;
  do {
    const url = `${origin}/booking/v2/slots?test_code=${testCode}&from=${from}&to=${to}&page_size=200${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await request(url, { headers: { authorization } });
    expect(page.status === 200, 'the slot search answers 200', page);
    const data = page.json.data as { slot_id: string; seats_available: number }[];
    slots.push(...data.map((s) => s.slot_id));
    cursor = page.json.next_cursor as string | null;
  } while (cursor && slots.length < wanted);
  return slots;
}

export async function runP3(ctx: RunContext): Promise<BenchmarkReport> {
  ctx.log('P3: booking hold + confirm end to end vs bare Fastify POST inserting one row');
  const bare = await startServer<{ path: string }>('bare-insert', 'bare-insert.ts');
  const atlas = await startAtlas(ctx, 'p3');
  const info = atlas.handle.info;
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([bare.stop(), atlas.handle.stop()]);
  };
  try {
    const perFlowBudget = Math.ceil(ctx.connections * 400 * (ctx.warmupS + ctx.rounds * ctx.durationS));
    const seed = await seedBookingBench(info.sqliteFile, info.accountCode, {
      centres: 20,
      seats: 500,
      eligibilities: Math.min(200_000, Math.max(20_000, perFlowBudget)),
      durationMinutes: 60,
      price: 0,
    });
    const issued = await request(`${atlas.handle.origin}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basicAuth(info.consumerKey, info.consumerSecret), 'content-type': FORM },
      body: 'grant_type=client_credentials',
    });
    expect(issued.status === 200, 'the Token API issues a token', issued);
    const authorization = `Bearer ${issued.json.access_token as string}`;
    const slots = await collectSlots(atlas.handle.origin, authorization, seed.testCode, 2000);
    expect(slots.length >= 1000, `the search offers at least 1000 slots (${slots.length})`);

    // Before the load: one flow by hand, and the baseline's insert.
    const hold = await request(`${atlas.handle.origin}/booking/v2/holds`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ eligibility_code: seed.eligibilityCodes[0], slot_id: slots[0] }),
    });
    expect(hold.status === 201 && typeof hold.json.hold_id === 'string', 'a hold is taken (201)', hold);
    const confirmed = await request(`${atlas.handle.origin}/booking/v2/bookings`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ hold_id: hold.json.hold_id }),
    });
    expect(confirmed.status === 201 && confirmed.json.status === 'confirmed', 'the hold is confirmed into a booking (201)', confirmed);
    const inserted = await request(`${bare.origin}/rows`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(inserted.status === 201 && typeof inserted.json.id === 'string', 'bare Fastify inserts a row (201)', inserted);
    ctx.log(
      `  checked: ${seed.locationCodes.length} centres, ${seed.eligibilityCodes.length} open eligibilities, ${slots.length} slots; one hold + confirm by hand`,
    );

    let nextEligibility = 1;
    let nextSlot = 0;
    const headers = { authorization };
    const subject: FlowTarget = {
      label: 'Atlas hold + confirm',
      origin: atlas.handle.origin,
      async flow(client) {
        const eligibility = seed.eligibilityCodes[nextEligibility++];
        if (!eligibility) throw new Error('ran out of seeded eligibilities: raise the seed');
        const slot = slots[nextSlot++ % slots.length];
        const held = await client.post('/booking/v2/holds', { eligibility_code: eligibility, slot_id: slot }, headers);
        if (held.status !== 201) throw new Error(`hold answered ${held.status}: ${JSON.stringify(held.json).slice(0, 300)}`);
        const booking = await client.post('/booking/v2/bookings', { hold_id: held.json.hold_id }, headers);
        if (booking.status !== 201) throw new Error(`confirm answered ${booking.status}: ${JSON.stringify(booking.json).slice(0, 300)}`);
        return booking.json.status === 'confirmed';
      },
    };
    const baseline: FlowTarget = {
      label: 'bare Fastify POST insert',
      origin: bare.origin,
      async flow(client) {
        const answer = await client.post('/rows', { name: 'bench' });
        return answer.status === 201 && typeof answer.json.id === 'string';
      },
    };
    const load = { connections: ctx.connections, durationS: ctx.durationS };
    if (ctx.warmupS > 0) {
      await runFlowLoad(baseline, bare, { ...load, durationS: ctx.warmupS });
      await runFlowLoad(subject, atlas.handle, { ...load, durationS: ctx.warmupS });
      ctx.log(`  warmed up (${ctx.warmupS} s each)`);
    }
    const rounds: Comparison['rounds'] = [];
    for (let round = 0; round < ctx.rounds; round++) {
      const first = round % 2 === 0;
      const b = first ? await runFlowLoad(baseline, bare, load) : undefined;
      const s = await runFlowLoad(subject, atlas.handle, load);
      const b2 = b ?? (await runFlowLoad(baseline, bare, load));
      const ratio = s.requestsPerSecond / b2.requestsPerSecond;
      rounds.push({ baseline: b2, subject: s, ratio });
      ctx.log(
        `  round ${round + 1}/${ctx.rounds}: ratio ${ratio.toFixed(3)} (baseline ${Math.round(b2.requestsPerSecond)} req/s p99 ${b2.latencyMs.p99} ms; ` +
          `Atlas ${Math.round(s.requestsPerSecond)} flows/s p99 ${s.latencyMs.p99} ms, server CPU ${(s.serverCpu * 100).toFixed(0)}%)`,
      );
    }
    const comparison: Comparison = {
      baseline: summarize(rounds.map((r) => r.baseline)),
      subject: summarize(rounds.map((r) => r.subject)),
      ratio: median(rounds.map((r) => r.ratio)),
      ratioOfMedians: median(rounds.map((r) => r.subject.requestsPerSecond)) / median(rounds.map((r) => r.baseline.requestsPerSecond)),
      rounds,
    };
    // After the load: every measured flow left one confirmed booking and one booking.created event.
    const flows = rounds.reduce((sum, r) => sum + r.subject.totalRequests, 0);
    await stopAll();
    const bookings = queryNumber(info.sqliteFile, "select count(*) as n from booking where state = 'confirmed'");
    const events = queryNumber(info.sqliteFile, "select count(*) as n from outbox_event where type = 'booking.created'");
    expect(bookings >= flows && events >= flows, `bookings (${bookings}) and booking.created events (${events}) ≥ measured flows (${flows})`);
    return {
      id: 'P3',
      title: 'Booking hold + confirm end to end vs bare Fastify POST inserting one row',
      baselineName: 'bare Fastify POST (one SQLite insert)',
      subjectName: 'Atlas POST holds + POST bookings (flows/s)',
      connections: ctx.connections,
      comparison,
      targets: [check('flows/s vs baseline requests/s', comparison.ratio, '>=', 0.25, 'x')],
      facts: { measuredFlows: flows, confirmedBookings: bookings, bookingCreatedEvents: events, slotsUsed: slots.length, centres: seed.locationCodes.length },
    };
  } finally {
    await stopAll();
  }
}
