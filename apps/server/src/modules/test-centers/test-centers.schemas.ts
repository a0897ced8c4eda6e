import { type TSchema, Type } from 'typebox';
import { CountryCode, Timestamp } from '../../platform/common-schemas.ts';
import { PageQuery } from '../../platform/paging.ts';

/** Wire shapes of the Test Center service (shared by v2 and its v1 mirror, so they carry no $id). */

const nullable = <T extends TSchema>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

export const LocationCodeParam = {
  location_code: Type.String({ minLength: 1, maxLength: 64, description: 'The centre code, as listed by the search.', examples: ['US-NYC-01'] }),
};

const LocalDateTime = Type.String({
  description: "The same instant in the centre's local time, ISO 8601 with its UTC offset (the offset changes with daylight saving time).",
  examples: ['2026-03-09T08:00:00-04:00'],
});

export const Address = Type.Object(
  {
    line1: Type.String({ examples: ['350 Fifth Avenue, Suite 4100'] }),
    line2: nullable(Type.String(), 'Second address line, if any.'),
    city: Type.String({ examples: ['New York'] }),
    region: Type.String({ description: 'State, province or county.', examples: ['NY'] }),
    postal_code: nullable(Type.String(), 'Postal code, if the country has them.'),
    country: CountryCode,
  },
  { description: 'Street address of the centre.' },
);

const Interval = Type.Object(
  {
    opens: Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'Local time HH:MM.', examples: ['08:00'] }),
    closes: Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'Local time HH:MM (24:00 = midnight at the end of the day).', examples: ['17:00'] }),
  },
  { description: 'One opening interval in local time.' },
);
const DayHours = Type.Array(Interval, { description: 'Intervals of the day; empty when closed.' });

export const WeeklyHours = Type.Object(
  {
    monday: DayHours,
    tuesday: DayHours,
    wednesday: DayHours,
    thursday: DayHours,
    friday: DayHours,
    saturday: DayHours,
    sunday: DayHours,
  },
  {
    description: "Regular opening hours per weekday, in the centre's local time.",
    examples: [{ monday: [{ opens: '08:00', closes: '17:00' }], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] }],
  },
);

const centerFields = {
  location_code: Type.String({ description: 'Unique code of the centre (booking notifications carry it).', examples: ['US-NYC-01'] }),
  name: Type.String({ examples: ['Atlas Test Center – New York Midtown'] }),
  address: Address,
  latitude: Type.Number({ minimum: -90, maximum: 90, description: 'Decimal degrees (WGS 84).', examples: [40.7484] }),
  longitude: Type.Number({ minimum: -180, maximum: 180, description: 'Decimal degrees (WGS 84).', examples: [-73.9857] }),
  timezone: Type.String({ description: 'IANA time zone: opening hours and local times are in it.', examples: ['America/New_York'] }),
  seats: Type.Integer({ minimum: 0, description: 'Workstations: candidates testing at the same time.', examples: [24] }),
  status: Type.Enum(['active', 'closed'], { description: '`closed`: permanently out of the network (no bookings).' }),
};

export const CenterSummary = Type.Object(
  {
    ...centerFields,
    distance_km: Type.Optional(
      Type.Number({ description: 'Great-circle distance from `near`, km (one decimal); only when `near` is given.', examples: [3.2] }),
    ),
  },
  { description: 'A test centre in search results.' },
);

export const CenterList = Type.Object(
  {
    data: Type.Array(CenterSummary),
    next_cursor: nullable(Type.String(), 'Pass it as `cursor` for the next page; null on the last page.'),
  },
  { description: 'A page of centres: nearest first when `near` is given, else by location code.' },
);

export const Closure = Type.Object(
  {
    closure_id: Type.String({ examples: ['cls_01jd9z4q5k8m3n7p2r6s4t0v1w'] }),
    starts_at: Timestamp,
    ends_at: { ...Timestamp, description: 'UTC, ISO 8601; the centre reopens at this instant.' },
    starts_at_local: LocalDateTime,
    ends_at_local: LocalDateTime,
    reason: Type.String({ examples: ['Building maintenance'] }),
  },
  { description: 'A period in which the centre delivers no test.' },
);

const OpeningDay = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'Local calendar date.', examples: ['2026-03-09'] }),
    weekday: Type.String({ examples: ['monday'] }),
    windows: Type.Array(
      Type.Object({
        opens_at: Timestamp,
        closes_at: Timestamp,
        opens_at_local: LocalDateTime,
        closes_at_local: LocalDateTime,
      }),
      { description: 'Opening windows of that day with closures removed; empty when closed.' },
    ),
  },
  { description: 'Opening times of one local day.' },
);

export const CenterDetail = Type.Object(
  {
    ...centerFields,
    utc_offset: Type.String({ description: "The centre's current UTC offset.", examples: ['-04:00'] }),
    local_time: LocalDateTime,
    weekly_hours: WeeklyHours,
    opening_times: Type.Array(OpeningDay, { description: 'The next 7 local days (today first), in UTC and in local time, closures removed.' }),
    upcoming_closures: Type.Array(Closure, { description: 'Closures that have not ended yet, by start.' }),
    updated_at: Timestamp,
  },
  { description: 'A test centre with its hours, the coming opening times and closures.' },
);

export const SearchQuery = Type.Object({
  test_code: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Only centres where this test of yours may be delivered (site-proctored, its countries and centres).',
      examples: ['NCLEX-RN'],
    }),
  ),
  country: Type.Optional(CountryCode),
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'State, province or county (case-insensitive).', examples: ['NY'] })),
  near: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'A point `latitude,longitude` (decimal degrees): results come nearest first with `distance_km`.',
      examples: ['40.7128,-74.0060'],
    }),
  ),
  radius_km: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 20_000,
      description: 'Only centres within this great-circle distance of `near` (needs `near`).',
      examples: [50],
    }),
  ),
  status: Type.Optional(Type.Enum(['active', 'closed', 'all'], { default: 'active', description: 'Centre status; `active` by default.' })),
  ...PageQuery,
});

export const ClosuresQuery = Type.Object({
  when: Type.Optional(
    Type.Enum(['upcoming', 'past', 'all'], {
      default: 'upcoming',
      description: '`upcoming`: not ended yet (default); `past`: ended; `all`.',
    }),
  ),
  ...PageQuery,
});

export const ClosureList = Type.Object(
  {
    location_code: Type.String({ examples: ['US-NYC-01'] }),
    timezone: Type.String({ examples: ['America/New_York'] }),
    data: Type.Array(Closure),
    next_cursor: nullable(Type.String(), 'Pass it as `cursor` for the next page; null on the last page.'),
  },
  { description: "A page of the centre's closures, by start." },
);
