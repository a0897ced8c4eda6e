import type { LightMyRequestResponse } from 'fastify';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { bearer, type TestApp } from '../../harness.ts';

export const V2 = '/notifications/v2';

export interface NotificationPartner {
  partner: TestPartner;
  sandbox: string;
  production: string;
}

/** A partner subscribed to the Notifications API with the given roles (booking and test-centre by default). */
export async function notificationPartner(t: TestApp, roles = 'psiBooking,psiTestCenter'): Promise<NotificationPartner> {
  const partner = await insertPartner(t, { roles, subscribe: 'notifications' });
  return { partner, sandbox: await applicationToken(t, partner.sandbox), production: await applicationToken(t, partner.production) };
}

export function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  token: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: { ...bearer(token), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export const bookingEndpoint = (overrides: Record<string, unknown> = {}) => ({
  service: 'booking-notification',
  url: 'http://127.0.0.1:9999/hooks/bookings',
  ...overrides,
});
