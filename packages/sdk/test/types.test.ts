/**
 * Type-level tests: `npm run typecheck` compiles this file (packages/sdk/test/tsconfig.json), so every
 * `@ts-expect-error` below must really be an error — a wrong field name or enum value that compiled would fail the
 * typecheck. The calls sit in functions that never run; vitest runs the expectTypeOf assertions (no-ops at runtime).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { BookingEventPayload } from '../../../apps/server/src/modules/booking/booking.events.ts';
import {
  type AtlasClient,
  type AtlasWebhookEvent,
  type BookingEvent,
  type EligibilityV2Result,
  eligibilityV1,
  eligibilityV2,
  gettingStartedV2,
  type TestPublicationV2Body,
  testCentersV2,
  testPublicationV2,
  verifyWebhook,
} from '../src/index.js';

declare const client: AtlasClient;

function wrongCallsDoNotCompile(): void {
  const eligibility = eligibilityV2(client);
  const publication = testPublicationV2(client);
  const centers = testCentersV2(client);
  void eligibility.createEligibility({
    body: {
      candidate: { candidate_id: 'C1', first_name: 'Ada', last_name: 'Lovelace' },
      test_code: 'T1',
      // @ts-expect-error misspelt field name
      scheduel_start_date: '2026-01-01',
    },
  });
  // @ts-expect-error the body is required
  void eligibility.createEligibility({});
  // @ts-expect-error eligibility_code is required in the path
  void eligibility.getEligibility({ path: {} });
  // @ts-expect-error unknown state value
  void eligibility.listEligibilities({ query: { state: 'active' } });
  void publication.createTest({
    body: {
      test_code: 'T1',
      title: 'Test',
      duration_minutes: 60,
      // @ts-expect-error not a delivery mode
      delivery_modes: ['HOME_PROCTORED'],
      price: { amount: 100, currency: 'USD' },
      portions: [],
      languages: ['en'],
    },
  });
  const body: TestPublicationV2Body<'createTest'> = {
    test_code: 'T1',
    title: 'Test',
    duration_minutes: 60,
    delivery_modes: ['SITE_PROCTORED'],
    // @ts-expect-error amount is a number of minor units
    price: { amount: '1.00', currency: 'USD' },
    portions: [],
    languages: ['en'],
  };
  void body;
  // @ts-expect-error page_size is a number
  void centers.searchTestCenters({ query: { page_size: '10' } });
  // @ts-expect-error no such operation
  void centers.deleteTestCenter();
  // v1 needs the account code
  // @ts-expect-error account_code missing
  void eligibilityV1(client).listCandidateEligibilitiesV1({ path: { candidate_id: 'C1' } });
}

describe('SDK types', () => {
  it('resolve each operation to its documented answer', () => {
    expectTypeOf(gettingStartedV2).returns.toHaveProperty('ping');
    expectTypeOf<EligibilityV2Result<'createEligibility'>>().toHaveProperty('eligibility_code').toEqualTypeOf<string>();
    type Created = Awaited<ReturnType<ReturnType<typeof eligibilityV2>['createEligibility']>>;
    expectTypeOf<Created['state']>().toEqualTypeOf<'pending' | 'open' | 'scheduled' | 'completed' | 'exhausted' | 'expired' | 'cancelled'>();
    // A 204 operation resolves with undefined.
    type Cancelled = Awaited<ReturnType<ReturnType<typeof eligibilityV1>['cancelCandidateEligibilityV1']>>;
    expectTypeOf<Cancelled>().toEqualTypeOf<undefined>();
    // Paged operations iterate their items.
    type Item = ReturnType<ReturnType<typeof eligibilityV2>['listEligibilities']['all']> extends AsyncGenerator<infer T> ? T : never;
    expectTypeOf<Item>().toHaveProperty('eligibility_code');
    expectTypeOf(wrongCallsDoNotCompile).toBeFunction();
  });

  it('narrow webhook events by type', () => {
    async function verified() {
      const event = await verifyWebhook(new Headers(), '{}', 'whsec_AAAA');
      expectTypeOf(event).toEqualTypeOf<AtlasWebhookEvent>();
    }
    expectTypeOf(verified).toBeFunction();
    const narrow = (event: AtlasWebhookEvent) => (event.type === 'booking.created' ? event.data.booking_code : null);
    expectTypeOf(narrow).returns.toEqualTypeOf<string | null>();
    expectTypeOf<BookingEvent['data']['delivery_mode']>().toEqualTypeOf<'SITE_PROCTORED' | 'ATLAS_REMOTE_PROCTORED'>();
  });

  it('describe the booking payload the server writes, field for field (a drift guard against booking.events.ts)', () => {
    type Sdk = BookingEvent['data'];
    type Server = BookingEventPayload;
    expectTypeOf<keyof Sdk>().toEqualTypeOf<keyof Server>();
    expectTypeOf<keyof Sdk['test']>().toEqualTypeOf<keyof Server['test']>();
    expectTypeOf<keyof Sdk['candidate']>().toEqualTypeOf<keyof Server['candidate']>();
    expectTypeOf<keyof NonNullable<Sdk['location']>>().toEqualTypeOf<keyof NonNullable<Server['location']>>();
    expectTypeOf<keyof NonNullable<Sdk['cancellation']>>().toEqualTypeOf<keyof NonNullable<Server['cancellation']>>();
    expectTypeOf<Sdk['status']>().toEqualTypeOf<Server['status']>();
    expectTypeOf<Sdk['previous_status']>().toEqualTypeOf<Server['previous_status']>();
  });
});
