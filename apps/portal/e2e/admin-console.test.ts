import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/src/modules/identity/account.service.ts';
import { createCoordinator } from '../../server/src/modules/portal/coordinator.service.ts';
import { createCenter } from '../../server/src/modules/test-centers/center-admin.service.ts';
import { hasHorizontalOverflow, type Portal, screenshot, startPortal, watchErrors } from './browser.ts';

const PASSWORD = 'a-calm-and-long-passphrase';
const weekday = [{ opens: '08:00', closes: '17:00' }];

/** The coordinator's side: an account's roles, IP ranges and users, the audit log, test-centre closures. */
describe('Admin console in Chromium', () => {
  let portal: Portal;
  let page: Page;
  let errors: string[];
  let accountCode: string;

  beforeAll(async () => {
    portal = await startPortal();
    const { ctx } = portal.deps;
    const coordinator = await createCoordinator(ctx, { username: 'robin.coordinator' }, 'system:e2e');
    accountCode = (await createAccount(ctx, { name: 'Lakeside Training Institute', roles: ['psiBooking', 'psiEligibility'] }, 'coordinator:e2e')).account
      .account_code;
    await createCenter(
      ctx,
      {
        location_code: 'US-NYC-01',
        name: 'Manhattan Midtown Test Centre',
        address_line1: '350 Fifth Avenue',
        city: 'New York',
        region: 'NY',
        postal_code: '10118',
        country: 'US',
        latitude: 40.7484,
        longitude: -73.9857,
        timezone: 'America/New_York',
        seats: 24,
        opening_hours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday },
      },
      'coordinator:e2e',
    );
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${portal.origin}/admin`);
    await page.getByLabel('Username').fill(coordinator.username);
    await page.getByLabel('Password').fill(coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('One-time password').fill(coordinator.password);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('heading', { name: 'Partner accounts' }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
  });

  it("edits an account's roles and IP ranges, and resets a user's password", async () => {
    await page.getByRole('link', { name: 'Lakeside Training Institute' }).click();
    await page.getByRole('heading', { name: 'Lakeside Training Institute' }).waitFor();
    await page.getByRole('checkbox', { name: /^Payment / }).check();
    await page.getByLabel('IP ranges allowed to call Atlas').fill('203.0.113.0/24\n2001:db8::/32');
    await page.getByRole('button', { name: 'Save roles and IP ranges' }).click();
    await page.getByText('Saved. Tokens see the change within a second.').waitFor();
    await page.getByRole('button', { name: 'Reset password' }).click();
    expect(await page.getByTestId('secret-value').textContent()).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    await screenshot(page, 'admin-account');
    await page.reload();
    await page.getByRole('heading', { name: 'Lakeside Training Institute' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /^Payment / }).isChecked()).toBe(true);
    expect(await page.getByLabel('IP ranges allowed to call Atlas').inputValue()).toBe('2001:db8::/32\n203.0.113.0/24');
  });

  it('shows the changes in the audit log, newest first', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Account code').fill(accountCode);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('user.password_reset').waitFor();
    const actions = await page.locator('tbody td strong').allTextContents();
    expect(actions.slice(0, 2)).toEqual(['user.password_reset', 'account.updated']);
    await screenshot(page, 'admin-audit');
  });

  it('schedules a closure of a test centre', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Test centres' }).click();
    await page.getByRole('button', { name: 'Closures' }).click();
    await page.getByLabel('From (local to your browser)').fill('2030-03-02T08:00');
    await page.getByLabel('To', { exact: true }).fill('2030-03-02T18:00');
    await page.getByLabel('Reason').fill('Fire alarm maintenance');
    await page.getByRole('button', { name: 'Schedule closure' }).click();
    await page.getByText('Fire alarm maintenance').waitFor();
    await screenshot(page, 'admin-test-centres');
    for (const link of ['Accounts', 'Test centres', 'Delivery errors', 'Results', 'Audit log']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await page.locator('h1').first().waitFor();
      expect(await hasHorizontalOverflow(page), link).toBe(false);
    }
    expect(errors.join('\n')).toBe('');
  });
});
