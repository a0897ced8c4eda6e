/**
 * Data for the booking benchmarks (P3, P5), written into the Atlas bench server's SQLite file from the runner
 * before the load (WAL mode: the idle server sees it at once): a published test, test centres open long hours
 * every day, and open eligibilities, all for the bench account's production environment. Centres go through the
 * real test-centre service; the test and eligibility rows are inserted directly, as the test factories do.
 */
import type { Insertable } from 'kysely';
import { openDatabase } from '../../apps/server/src/db/database.ts';
import type { Database } from '../../apps/server/src/db/schema.ts';
import { createCenter } from '../../apps/server/src/modules/test-centers/center-admin.service.ts';
import { parseHoursSpec } from '../../apps/server/src/modules/test-centers/opening-hours.policy.ts';
import { insertTest, insertTestVersion } from '../../apps/server/src/modules/test-publication/test-publication.repository.ts';
import { serviceContext } from '../../apps/server/src/runtime.ts';

export interface BookingSeed {
  testCode: string;
  locationCodes: string[];
  eligibilityCodes: string[];
}

export interface BookingSeedOptions {
  centres: number;
  seats: number;
  eligibilities: number;
  durationMinutes: number;
  price: number;
}

const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];

export async function seedBookingBench(sqliteFile: string, accountCode: string, options: BookingSeedOptions): Promise<BookingSeed> {
  const database = openDatabase({ sqliteFile });
  const ctx = serviceContext(database);
  try {
    const account = await ctx.db.selectFrom('account').select('id').where('account_code', '=', accountCode).executeTakeFirstOrThrow();
    const now = ctx.clock.now().toISOString();
    const testId = ctx.ids.id('test');
    const testCode = 'BENCH-EXAM';
    await insertTest(ctx.db, {
      id: testId,
      account_id: account.id,
      environment: 'production',
      test_code: testCode,
      state: 'published',
      current_version: 1,
      created_at: now,
      updated_at: now,
    });
    await insertTestVersion(ctx.db, {
      test_id: testId,
      version: 1,
      title: 'Bench exam',
      description: null,
      duration_minutes: options.durationMinutes,
      delivery_modes: JSON.stringify(['SITE_PROCTORED']),
      price_amount: options.price,
      price_currency: 'USD',
      portions: JSON.stringify([{ portion_code: 'P1', portion_name: 'Core' }]),
      languages: JSON.stringify(['en']),
      delivery_countries: JSON.stringify(['US']),
      delivery_location_codes: JSON.stringify([]),
      policies: JSON.stringify({
        change_tiers: [{ min_hours_before: 48, reschedule_fee: 0, cancel_fee: 0 }],
        no_show_fee: 0,
        retake: { waiting_days: 0, max_attempts: 3, period_days: 365 },
        accommodations_allowed: [],
      }),
      created_at: now,
    });
    const locationCodes: string[] = [];
    for (let i = 0; i < options.centres; i++) {
      const code = `US-BEN-${String(i + 1).padStart(3, '0')}`;
      await createCenter(
        ctx,
        {
          location_code: code,
          name: `Bench Centre ${i + 1}`,
          address_line1: `${i + 1} Bench Street`,
          city: 'Springfield',
          region: 'IL',
          postal_code: '62701',
          country: 'US',
          // Spread over the continental US so `near` + `radius_km` selects a subset.
          latitude: 30 + (i % 20) * 0.7,
          longitude: -120 + Math.floor(i / 20) * 4,
          timezone: ZONES[i % ZONES.length] as string,
          seats: options.seats,
          opening_hours: parseHoursSpec('mon-fri 07:00-21:00; sat-sun 08:00-18:00'),
        },
        'coordinator:bench',
      );
      locationCodes.push(code);
    }
    const eligibilityCodes: string[] = [];
    const BATCH = 500;
    for (let start = 0; start < options.eligibilities; start += BATCH) {
      const candidates: Insertable<Database['candidate']>[] = [];
      const eligibilities: Insertable<Database['eligibility']>[] = [];
      for (let i = start; i < Math.min(options.eligibilities, start + BATCH); i++) {
        const candidateRef = ctx.ids.id('candidate');
        const code = `BENCHELG${String(i).padStart(7, '0')}`;
        candidates.push({
          id: candidateRef,
          account_id: account.id,
          environment: 'production' as const,
          candidate_id: `BENCH-C${i}`,
          first_name: 'Bench',
          last_name: `Candidate ${i}`,
          middle_name: null,
          suffix: null,
          email: null,
          address1: null,
          address2: null,
          city: null,
          province_state: null,
          postal_code: null,
          country: 'US',
          home_phone: null,
          office_phone: null,
          school_code: null,
          special_accommodations: '[]',
          additional_attributes: '[]',
          created_at: now,
          updated_at: now,
        });
        eligibilities.push({
          id: ctx.ids.id('eligibility'),
          code,
          account_id: account.id,
          environment: 'production' as const,
          candidate_ref: candidateRef,
          test_id: testId,
          test_code: testCode,
          test_version: 1,
          client_eligibility_id: null,
          state: 'open' as const,
          previous_state: null,
          state_reason: null,
          schedule_start_date: now.slice(0, 10),
          eligibility_end_date: '2099-12-31',
          attempts_allowed: 3,
          attempts_used: 0,
          retake_waiting_days: 0,
          last_attempt_on: null,
          accommodations: '[]',
          portion_codes: '[]',
          registration_mode: null,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        eligibilityCodes.push(code);
      }
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('candidate').values(candidates).execute();
        await trx.insertInto('eligibility').values(eligibilities).execute();
      });
    }
    return { testCode, locationCodes, eligibilityCodes };
  } finally {
    await database.close();
  }
}
