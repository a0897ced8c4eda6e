import type { LightMyRequestResponse } from 'fastify';
import { createAccount } from '../../../src/modules/identity/account.service.ts';
import { createCoordinator } from '../../../src/modules/portal/coordinator.service.ts';
import type { TestApp } from '../../harness.ts';

export const ORIGIN = 'http://localhost:80';

/** A browser's view of one realm: its session cookie and CSRF token. */
export interface Browser {
  realm: 'store' | 'admin';
  cookie: string;
  csrf: string;
}

export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return (first ?? '').split(';')[0] ?? '';
}

export async function signIn(t: TestApp, realm: 'store' | 'admin', username: string, password: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: `/${realm}/api/session`, headers: { origin: ORIGIN }, payload: { username, password } });
}

/** Signs in with the one-time password and sets a permanent one, as a new partner or coordinator does first. */
export async function signInFresh(t: TestApp, realm: 'store' | 'admin', username: string, oneTime: string): Promise<Browser> {
  const first = await signIn(t, realm, username, oneTime);
  if (first.statusCode !== 201) throw new Error(`sign-in failed: ${first.body}`);
  const browser: Browser = { realm, cookie: cookieOf(first), csrf: first.json().csrf_token };
  const changed = await call(t, browser, 'POST', '/password', { current_password: oneTime, new_password: 'a-long-permanent-passphrase' });
  if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.body}`);
  return browser;
}

export function call(
  t: TestApp,
  browser: Browser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: `/${browser.realm}/api${path}`,
    headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf, origin: ORIGIN, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

export async function newPartner(t: TestApp, roles: string[] = ['psiBooking', 'psiEligibility']) {
  const created = await createAccount(t.ctx, { name: `Partner ${Math.random().toString(36).slice(2, 8)}`, roles }, 'coordinator:test');
  const browser = await signInFresh(t, 'store', created.username, created.password);
  return { ...created, browser };
}

export async function newCoordinator(t: TestApp) {
  const created = await createCoordinator(t.ctx, { username: `coord-${Math.random().toString(36).slice(2, 8)}` }, 'system:test');
  return { ...created, browser: await signInFresh(t, 'admin', created.username, created.password) };
}
