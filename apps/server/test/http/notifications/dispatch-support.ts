import type { Environment } from '../../../src/db/schema.ts';
import { Dispatcher, type DispatcherOptions } from '../../../src/modules/notifications/dispatch/dispatcher.ts';
import { recordEvent } from '../../../src/modules/notifications/outbox.ts';
import { createSecretBox } from '../../../src/modules/notifications/secret-box.ts';
import type { Resolver } from '../../../src/modules/notifications/ssrf.policy.ts';
import type { TestApp } from '../../harness.ts';

/** A dispatcher on the test app's database and clock, as `atlas worker` builds it. */
export function testDispatcher(t: TestApp, options: Partial<DispatcherOptions> = {}, resolve?: Resolver, mode = t.config.mode): Dispatcher {
  return new Dispatcher(t.ctx, { mode, box: createSecretBox(t.config.encryptionKey), resolve }, { random: () => 0.5, ...options });
}

export async function accountIdOf(t: TestApp, accountCode: string): Promise<string> {
  const row = await t.ctx.db.selectFrom('account').select('id').where('account_code', '=', accountCode).executeTakeFirstOrThrow();
  return row.id;
}

/** A booking event payload exactly as the booking/payment contract defines it (every key present). */
export function bookingPayload(overrides: Record<string, unknown> = {}) {
  return {
    booking_code: 'K7QW2M9XTR',
    status: 'confirmed',
    previous_status: 'held',
    version: 1,
    change_reason: 'BOOKING_CREATED',
    effective_at: '2026-01-05T09:00:00.123Z',
    starts_at: '2026-02-10T14:30:00.000Z',
    ends_at: '2026-02-10T16:30:00.000Z',
    previous_starts_at: null,
    delivery_mode: 'SITE_PROCTORED',
    test: { test_code: 'CPA-AUD', test_version: 1, title: 'CPA Auditing', portions: [{ portion_code: 'P1', portion_name: 'Part one' }] },
    candidate: { candidate_id: 'C-1001', first_name: 'Ada', last_name: 'Lovelace', middle_name: null },
    eligibility_code: 'EL8K2M4P6Q',
    client_eligibility_id: 'CLIENT-77',
    location: { location_code: 'NYC01', name: 'New York Midtown', address: '1 Main St, New York, NY 10001, US', timezone: 'America/New_York' },
    cancellation: null,
    ...overrides,
  };
}

const TYPE_BY_REASON: Record<string, string> = {
  BOOKING_CREATED: 'booking.created',
  BOOKING_RESCHEDULED: 'booking.rescheduled',
  BOOKING_CANCELLED: 'booking.cancelled',
  EXAM_COMPLETED: 'booking.completed',
  ABSENT: 'booking.no_show',
  EXCUSED_ABSENT: 'booking.excused_absence',
};

/** Writes a booking-notification event through recordEvent, as the booking module does. */
export async function recordBookingEvent(
  t: TestApp,
  accountId: string,
  options: { code: string; version?: number; environment?: Environment; type?: string; payload?: Record<string, unknown> },
): Promise<string> {
  const payload = bookingPayload({ booking_code: options.code, version: options.version ?? 1, ...options.payload });
  const type = options.type ?? TYPE_BY_REASON[String(payload.change_reason)] ?? 'booking.checked_in';
  return t.ctx.db.transaction().execute((trx) =>
    recordEvent(trx, t.ctx, {
      accountId,
      environment: options.environment ?? 'sandbox',
      service: 'booking-notification',
      type,
      entityType: 'booking',
      entityId: options.code,
      entityVersion: options.version ?? 1,
      previousState: String(payload.previous_status),
      occurredAt: String(payload.effective_at),
      payload,
    }),
  );
}

export async function deliveriesOf(t: TestApp, eventId: string) {
  return t.ctx.db.selectFrom('delivery').selectAll().where('event_id', '=', eventId).execute();
}

export async function attemptsOf(t: TestApp, deliveryId: string) {
  return t.ctx.db.selectFrom('delivery_attempt').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
}
