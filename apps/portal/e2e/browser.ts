import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { AtlasApp, ModuleDeps } from '../../server/src/platform/app-types.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/harness.ts';

/** Debian's chromium (`apt-get install -y chromium`); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = path.join(here, 'screenshots');
const DIST_INDEX = path.join(here, '..', 'dist', 'index.html');

export interface Portal {
  origin: string;
  app: AtlasApp;
  deps: ModuleDeps;
  database: TestDatabase;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A listening Atlas (SQLite, real clock) serving the built portal, and a headless Chromium. Fails loudly when the
 * browser or the build is missing: a browser test that silently skips proves nothing.
 */
export async function startPortal(): Promise<Portal> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH.`);
  }
  if (!fs.existsSync(DIST_INDEX)) throw new Error('The portal is not built: run `npm run build -w apps/portal` (the root `npm test` does it first).');
  const database = await createTestDatabase('sqlite');
  const config = { ...loadConfig({}), logLevel: 'silent' };
  const { app, deps } = await buildApp({ config, database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    origin,
    app,
    deps,
    database,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** Collects what the page logs as errors (CSP violations, failed scripts) so a test can assert there are none. */
export function watchErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The session probe before sign-in answers 401 by design; the browser logs every non-2xx fetch as an error.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** No horizontal overflow at this viewport: the layout holds down to a laptop. */
export async function hasHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
