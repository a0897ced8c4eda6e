import type { LightMyRequestResponse } from 'fastify';
import { createAccount, setUserPassword } from '../../src/modules/identity/account.service.ts';
import { type ConsumerCredentials, createApplication } from '../../src/modules/identity/application.service.ts';
import { createThrottlingTier } from '../../src/modules/identity/tier.service.ts';
import { basic, postForm, type TestApp } from '../harness.ts';

export interface TestPartner {
  accountCode: string;
  username: string;
  password: string;
  applicationId: string;
  production: ConsumerCredentials;
  sandbox: ConsumerCredentials;
}

export interface PartnerOverrides {
  name?: string;
  roles?: string;
  cidrs?: string[];
  subscribe?: string;
  tier?: string;
  /** Creates a throttling tier with these limits and uses it for the application and its subscriptions. */
  limits?: { perMinute?: number; perDay?: number };
  passwordGrant?: boolean;
}

let sequence = 0;

/** Inserts an account (with a permanent-password user) and an application, through the real services. */
export async function insertPartner(t: TestApp, overrides: PartnerOverrides = {}): Promise<TestPartner> {
  sequence += 1;
  const actor = 'coordinator:test';
  let tier = overrides.tier;
  if (overrides.limits) {
    tier = `Test${sequence}`;
    await createThrottlingTier(
      t.ctx,
      { name: tier, requestsPerMinute: overrides.limits.perMinute ?? null, requestsPerDay: overrides.limits.perDay ?? null },
      actor,
    );
  }
  const created = await createAccount(
    t.ctx,
    { name: overrides.name ?? `Board ${sequence}`, roles: overrides.roles ?? 'all', cidrs: overrides.cidrs ?? ['127.0.0.0/8', '::1/128'] },
    actor,
  );
  const password = `correct horse battery ${sequence}`;
  await setUserPassword(t.ctx, created.account.account_code, created.username, password, actor);
  const app = await createApplication(
    t.ctx,
    created.account.account_code,
    { name: `App ${sequence}`, subscribe: overrides.subscribe ?? 'all', tier, passwordGrant: overrides.passwordGrant },
    actor,
  );
  return {
    accountCode: created.account.account_code,
    username: created.username,
    password,
    applicationId: app.application.id,
    production: app.production,
    sandbox: app.sandbox,
  };
}

export async function requestToken(t: TestApp, credentials: ConsumerCredentials, form: Record<string, string>): Promise<LightMyRequestResponse> {
  return postForm(t.app, '/oauth2/token', form, { authorization: basic(credentials.consumer_key, credentials.consumer_secret) });
}

/** An application token (client_credentials) for the given environment's key. */
export async function applicationToken(t: TestApp, credentials: ConsumerCredentials, scope?: string): Promise<string> {
  const response = await requestToken(t, credentials, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
  return response.json().access_token;
}

/** A user token (password grant) with its refresh token. */
export async function userTokens(t: TestApp, partner: TestPartner, environment: 'production' | 'sandbox' = 'production') {
  const response = await requestToken(t, partner[environment], { grant_type: 'password', username: partner.username, password: partner.password });
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
  return response.json() as { access_token: string; refresh_token: string; expires_in: number; scope: string };
}
