import { describe, expect, it } from 'vitest';
import { hasPsiChangeReason, psiNotificationBody, psiTimestamp, renderDelivery, UnrenderableEvent, v2Envelope } from './delivery-formats.ts';

const payload = (overrides: Record<string, unknown> = {}) => ({
  booking_code: 'K7QW2M9XTR',
  status: 'confirmed',
  previous_status: 'held',
  version: 1,
  change_reason: 'BOOKING_CREATED',
  effective_at: '2026-01-05T09:00:00.999Z',
  starts_at: '2026-02-10T14:30:00.000Z',
  ends_at: '2026-02-10T16:30:00.000Z',
  previous_starts_at: null,
  delivery_mode: 'SITE_PROCTORED',
  test: { test_code: 'CPA-AUD', test_version: 1, title: 'CPA Auditing', portions: [{ portion_code: 'P1', portion_name: 'Part one', extra: 'x' }] },
  candidate: { candidate_id: 'C-1', first_name: 'Ada', last_name: 'Lovelace', middle_name: 'King' },
  eligibility_code: 'EL1',
  client_eligibility_id: null,
  location: { location_code: 'NYC01', name: 'Midtown', address: '1 Main St', timezone: 'America/New_York' },
  cancellation: null,
  ...overrides,
});

describe('psi-v1 NotificationRequest body', () => {
  it('renders exactly the PSI fields, in PSI order, with second-precision UTC times', () => {
    const body = psiNotificationBody(payload());
    expect(Object.keys(body)).toEqual([
      'booking_code',
      'booking_on',
      'candidate_fname',
      'candidate_id',
      'candidate_lname',
      'candidate_mname',
      'change_reason',
      'client_eligibility_id',
      'delivery_mode',
      'effective_date',
      'exam_code',
      'exam_portions',
      'location_address',
      'location_code',
      'location_name',
      'location_timezone',
    ]);
    expect(body).toMatchObject({
      booking_on: '2026-02-10T14:30:00Z',
      effective_date: '2026-01-05T09:00:00Z',
      candidate_mname: 'King',
      client_eligibility_id: null,
      exam_portions: [{ portion_code: 'P1', portion_name: 'Part one' }],
    });
  });

  it('leaves the location fields out for online (ATLAS_REMOTE_PROCTORED) bookings', () => {
    const body = psiNotificationBody(payload({ delivery_mode: 'ATLAS_REMOTE_PROCTORED', location: null }));
    expect(Object.keys(body).some((k) => k.startsWith('location_'))).toBe(false);
  });

  it.each([
    [{ change_reason: null }, /change_reason/],
    [{ change_reason: 'CHECKED_IN' }, /not one PSI defines/],
    [{ delivery_mode: 'HOME' }, /delivery_mode HOME/],
    [{ location: null }, /no location/],
    [{ starts_at: 'soon' }, /not a timestamp/],
  ])('refuses a payload PSI cannot represent (%j)', (overrides, message) => {
    expect(() => psiNotificationBody(payload(overrides))).toThrow(UnrenderableEvent);
    expect(() => psiNotificationBody(payload(overrides))).toThrow(message);
  });

  it('knows which events have a PSI change reason', () => {
    expect(hasPsiChangeReason(payload())).toBe(true);
    expect(hasPsiChangeReason(payload({ change_reason: null }))).toBe(false);
    expect(hasPsiChangeReason(null)).toBe(false);
  });

  it('formats PSI times without milliseconds', () => {
    expect(psiTimestamp('2026-03-01T00:00:00.500+02:00')).toBe('2026-02-28T22:00:00Z');
  });
});

describe('v2 envelope and request rendering', () => {
  const event = {
    id: 'evt_1',
    type: 'booking.created',
    occurred_at: '2026-01-05T09:00:00.000Z',
    environment: 'sandbox',
    account_code: 'ACME',
    entity_version: 3,
    previous_state: 'held',
    data: payload(),
  };

  it('wraps the payload with id, type, time, environment, account, version and previous state', () => {
    expect(v2Envelope(event)).toEqual({
      id: 'evt_1',
      type: 'booking.created',
      occurred_at: '2026-01-05T09:00:00.000Z',
      environment: 'sandbox',
      account_code: 'ACME',
      version: 3,
      previous_state: 'held',
      data: payload(),
    });
  });

  it('POSTs v2 and PUTs psi-v1', () => {
    expect(renderDelivery('v2', event).method).toBe('POST');
    const psi = renderDelivery('psi-v1', event);
    expect(psi.method).toBe('PUT');
    expect(JSON.parse(psi.body).booking_code).toBe('K7QW2M9XTR');
  });
});
