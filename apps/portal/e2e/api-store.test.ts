import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoordinator } from '../../server/src/modules/portal/coordinator.service.ts';
import { hasHorizontalOverflow, type Portal, screenshot, startPortal, watchErrors } from './browser.ts';

const NEW_PASSWORD = 'correct-horse-battery-staple';

/**
 * The API Store walk, clicking like a person: a coordinator provisions a partner in the admin console; the partner
 * signs in with the one-time password, chooses a password, creates an application, generates sandbox keys,
 * subscribes, reads the Booking reference, runs a v2 call in Try it, and registers a webhook endpoint.
 */
describe('API Store walk in Chromium', () => {
  let portal: Portal;
  let admin: BrowserContext;
  let partner: BrowserContext;
  let adminPage: Page;
  let page: Page;
  let pageErrors: string[];
  const handover = { accountCode: '', username: '', password: '' };

  beforeAll(async () => {
    portal = await startPortal();
    admin = await portal.browser.newContext({ viewport: { width: 1280, height: 800 } });
    partner = await portal.browser.newContext({ viewport: { width: 1280, height: 800 } });
    adminPage = await admin.newPage();
    page = await partner.newPage();
    pageErrors = watchErrors(page, watchErrors(adminPage));
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
  });

  it('a coordinator signs in, changes the one-time password and creates a partner account', async () => {
    const coordinator = await createCoordinator(portal.deps.ctx, { username: 'casey.coordinator' }, 'system:e2e');
    await adminPage.goto(`${portal.origin}/admin`);
    await adminPage.getByLabel('Username').fill(coordinator.username);
    await adminPage.getByLabel('Password').fill(coordinator.password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.getByLabel('One-time password').fill(coordinator.password);
    await adminPage.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await adminPage.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await adminPage.getByRole('button', { name: 'Save new password' }).click();
    await adminPage.getByRole('heading', { name: 'Partner accounts' }).waitFor();

    await adminPage.getByLabel('Partner name').fill('Northwind Licensing Board');
    for (const role of ['Eligibility', 'Test Center', 'Booking']) await adminPage.getByRole('checkbox', { name: new RegExp(`^${role} `) }).check();
    await adminPage.getByRole('button', { name: 'Create account' }).click();
    const panel = adminPage.getByTestId('handover');
    await panel.waitFor();
    handover.accountCode = (await adminPage.getByTestId('handover-account-code').textContent()) ?? '';
    handover.username = (await adminPage.getByTestId('handover-username').textContent()) ?? '';
    handover.password = (await panel.getByTestId('secret-value').textContent()) ?? '';
    expect(handover.accountCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(handover.password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    await screenshot(adminPage, 'admin-accounts');
  });

  it('the partner signs in with the one-time password and must choose a new one', async () => {
    await page.goto(`${portal.origin}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'store-sign-in');
    await page.getByLabel('Username').fill(handover.username);
    await page.getByLabel('Password').fill(handover.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('One-time password').fill(handover.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await screenshot(page, 'store-getting-started');
    const cookies = await partner.cookies();
    const session = cookies.find((c) => c.name === 'atlas_store_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/store' });
  });

  it('creates an application and generates sandbox keys (the secret is shown once)', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Candidate portal');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByRole('heading', { name: 'Candidate portal' }).waitFor();
    await page.getByRole('button', { name: 'Generate sandbox secret' }).click();
    const secret = page.getByTestId('secret-value').first();
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'store-application-keys');
  });

  it('subscribes the application to Booking and Eligibility with a tier', async () => {
    await page.getByRole('tab', { name: 'Subscriptions' }).click();
    for (const service of ['Booking', 'Eligibility']) {
      const row = page.getByTestId(`subscription-${service.toLowerCase()}`);
      await row.getByLabel(`Tier for ${service}`).selectOption('Gold');
      await row.getByRole('button', { name: `Subscribe to ${service}` }).click();
      await row.getByText('subscribed', { exact: true }).waitFor();
    }
    await screenshot(page, 'store-subscriptions');
  });

  it('opens the Booking reference rendered by Swagger UI', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'APIs' }).click();
    await page.getByRole('link', { name: /^Booking/ }).click();
    await page.getByRole('heading', { name: 'Booking', exact: true }).waitFor();
    await screenshot(page, 'store-booking-overview');
    await page.getByRole('tab', { name: 'Reference v2' }).click();
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.swagger-ui .opblock-summary-path').allTextContents()).toContain('/booking/v2/holds');
    await screenshot(page, 'store-booking-reference');
  });

  it('runs a Booking v2 call in Try it with a sandbox token and sees 200', async () => {
    await page.locator('.page-actions').getByRole('link', { name: 'Try it' }).click();
    await page.getByRole('heading', { name: 'Try it' }).waitFor();
    await page.getByRole('button', { name: 'Get a sandbox token' }).click();
    await page.getByText(/Calling as Candidate portal/).waitFor();
    expect(await page.getByLabel('Service').inputValue()).toBe('booking');
    await page.getByRole('button', { name: /^GET\s*\/bookings$/ }).click();
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => page.getByTestId('response-status').textContent()).toMatch(/^200/);
    expect(JSON.parse((await page.locator('.response-body').textContent()) ?? '')).toMatchObject({ data: [] });
    await screenshot(page, 'store-try-it');
  });

  it('does not show Payment anywhere to an account without psiPayment', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'APIs' }).click();
    await page.getByRole('link', { name: /^Booking/ }).waitFor();
    expect(await page.getByRole('link', { name: /^Payment/ }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Try it' }).click();
    await page.getByLabel('Service').waitFor();
    expect(await page.getByLabel('Service').locator('option').allTextContents()).not.toContain('Payment');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications' }).click();
    await page.getByRole('link', { name: 'Candidate portal' }).click();
    await page.getByRole('tab', { name: 'Subscriptions' }).click();
    await page.getByTestId('subscription-booking').waitFor();
    expect(await page.getByTestId('subscription-payment').count()).toBe(0);
    await page.goto(`${portal.origin}/store/apis/payment`);
    await page.getByText('This service is not available to your account').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/Payments, refunds/);
  });

  it('registers a webhook endpoint and sees its signing secret once', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
    await page.getByLabel('Service').selectOption('booking-notification');
    await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/webhooks/atlas');
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    await page.getByTestId('endpoint-row').first().waitFor();
    expect(await page.getByTestId('secret-value').textContent()).toMatch(/^whsec_/);
    await screenshot(page, 'store-notifications');
  });

  it('shows usage as charts, and the layout holds on a laptop-sized window without page errors', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('img', { name: /Requests per day/ }).waitFor();
    await screenshot(page, 'store-usage');
    await page.setViewportSize({ width: 1024, height: 700 });
    for (const link of ['Getting started', 'APIs', 'Applications', 'Try it', 'Notifications', 'Usage']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await page.locator('h1').first().waitFor();
      expect(await hasHorizontalOverflow(page), link).toBe(false);
    }
    expect(pageErrors.join('\n')).toBe('');
  });
});
