import fs from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../platform/context.ts';
import { generateSecret } from '../../platform/secrets.ts';
import { seedDemoBookings } from '../booking/demo.ts';
import { seedDemoEligibility } from '../eligibility/demo.ts';
import { countAccounts } from '../identity/account.repository.ts';
import { createAccount, setUserPassword } from '../identity/account.service.ts';
import { createApplication } from '../identity/application.service.ts';
import { seedDemoTestCenters } from '../test-centers/demo.ts';
import { seedDemoTestPublication } from '../test-publication/demo.ts';
import { seedDemoVouchers } from '../vouchers/demo.ts';

export interface DemoCredentials {
  account_code: string;
  account_name: string;
  username: string;
  password: string;
  application_id: string;
  production: { consumer_key: string; consumer_secret: string };
  sandbox: { consumer_key: string; consumer_secret: string };
}

const ACTOR = 'system:demo-seed';

/**
 * Seeds the demo partner on an empty database: an account with every role and a loopback allow-list, an API Store
 * user with a permanent password, and an application subscribed to every service. Secrets are stored hashed, so the
 * plain credentials go to a file in the data directory (mode 0600) to be shown again on the next start.
 */
export async function seedDemoSandbox(ctx: ServiceContext, dataDir: string): Promise<DemoCredentials | undefined> {
  if ((await countAccounts(ctx.db)) > 0) return undefined;
  const created = await createAccount(ctx, { name: 'Demo Licensing Board', roles: 'all', cidrs: ['127.0.0.0/8', '::1/128'], username: 'demo' }, ACTOR);
  // A readable but random permanent password: the demo user can use the password grant at once.
  const password = `demo-${generateSecret('pw').slice(3, 19)}`;
  await setUserPassword(ctx, created.account.account_code, created.username, password, ACTOR);
  const app = await createApplication(ctx, created.account.account_code, { name: 'Demo Integration', subscribe: 'all', tier: 'Unlimited' }, ACTOR);
  // Realistic data in both environments, in dependency order: centres, tests, vouchers for them, eligibilities,
  // then one confirmed sandbox booking.
  const demo = { accountId: created.account.id, accountCode: created.account.account_code };
  await seedDemoTestCenters(ctx, demo);
  await seedDemoTestPublication(ctx, demo);
  await seedDemoVouchers(ctx, demo);
  await seedDemoEligibility(ctx, demo);
  await seedDemoBookings(ctx, demo);
  const credentials: DemoCredentials = {
    account_code: created.account.account_code,
    account_name: created.account.name,
    username: created.username,
    password,
    application_id: app.application.id,
    production: app.production,
    sandbox: app.sandbox,
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(demoCredentialsFile(dataDir), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

export function demoCredentialsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-credentials.json');
}

export function readDemoCredentials(dataDir: string): DemoCredentials | undefined {
  try {
    return JSON.parse(fs.readFileSync(demoCredentialsFile(dataDir), 'utf8')) as DemoCredentials;
  } catch {
    return undefined;
  }
}
