/**
 * Tables of the test-centers module. Centres are the exam company's own network: global rows, not per account or
 * environment (every partner searches the same centres; which ones a test may use comes from the test's delivery rules).
 */
export type TestCenterStatus = 'active' | 'closed';
export type ClosureStatus = 'scheduled' | 'cancelled';

export interface TestCenterTable {
  id: string;
  /** The code partners and PSI's booking notification use (`US-NYC-01`); unique, upper-case. */
  location_code: string;
  name: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  /** State, province or county (`NY`, `ON`, `Greater London`). */
  region: string;
  postal_code: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
  /** IANA time zone (`America/New_York`): opening hours are local times in this zone. */
  timezone: string;
  /** Workstations; one candidate per seat at a time. */
  seats: number;
  status: TestCenterStatus;
  /** JSON: `{ "monday": [{ "opens": "08:00", "closes": "17:00" }], … }` in local time (see test-centers.policy.ts). */
  opening_hours: string;
  /** Grows by one on every change (the capacity history is keyed by it). */
  version: number;
  created_at: string;
  updated_at: string;
}

/** A date-time range (UTC) in which the centre delivers nothing. Cancelling one keeps the row (status cancelled). */
export interface TestCenterClosureTable {
  id: string;
  test_center_id: string;
  starts_at: string;
  ends_at: string;
  reason: string;
  status: ClosureStatus;
  created_by: string;
  created_at: string;
  cancelled_by: string | null;
  cancelled_at: string | null;
}

/** Every change of a centre's seat count, so a reduction that hits bookings can be traced (issue 4 cancels them). */
export interface TestCenterCapacityChangeTable {
  test_center_id: string;
  /** The centre's version after the change. */
  version: number;
  previous_seats: number;
  seats: number;
  reason: string | null;
  changed_by: string;
  changed_at: string;
}

export interface TestCenterTables {
  test_center: TestCenterTable;
  test_center_closure: TestCenterClosureTable;
  test_center_capacity_change: TestCenterCapacityChangeTable;
}
