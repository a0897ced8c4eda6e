import type { Environment } from '../db/schema.ts';
import {
  createApplication,
  describeApplication,
  listAccountApplications,
  rotateSecret,
  subscribe,
  unsubscribe,
  updateApplication,
} from '../modules/identity/application.service.ts';
import { createThrottlingTier, listThrottlingTiers } from '../modules/identity/tier.service.ts';
import type { Actor, ServiceContext } from '../platform/context.ts';
import { booleanChoice, integerOption, parseOptions, required, UsageError } from './args.ts';

type Handler = (ctx: ServiceContext, argv: string[], actor: Actor) => Promise<unknown>;

function environmentOption(value: string | undefined): Environment {
  if (value === 'production' || value === 'sandbox') return value;
  throw new UsageError('--env must be production or sandbox');
}

const subscriptionView = (s: { service: string; throttling_tier: string; status: string }) => ({
  service: s.service,
  tier: s.throttling_tier,
  status: s.status,
});

export const applicationCommands: Record<string, Handler> = {
  'app create': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, {
      account: { type: 'string' },
      name: { type: 'string' },
      description: { type: 'string' },
      subscribe: { type: 'string' },
      tier: { type: 'string' },
      'password-grant': { type: 'string' },
      'token-ttl': { type: 'string' },
    });
    const created = await createApplication(
      ctx,
      required(values.account, '--account'),
      {
        name: required(values.name, '--name'),
        description: values.description,
        subscribe: values.subscribe ?? 'all',
        tier: values.tier,
        passwordGrant: booleanChoice(values['password-grant'], '--password-grant'),
        accessTokenTtlSeconds: integerOption(values['token-ttl'], '--token-ttl'),
      },
      actor,
    );
    return {
      application_id: created.application.id,
      name: created.application.name,
      tier: created.application.throttling_tier,
      subscriptions: created.subscriptions,
      production: created.production,
      sandbox: created.sandbox,
    };
  },
  'app update': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, {
      name: { type: 'string' },
      description: { type: 'string' },
      tier: { type: 'string' },
      'password-grant': { type: 'string' },
      'token-ttl': { type: 'string' },
    });
    const app = await updateApplication(
      ctx,
      required(positionals[0], 'the application id'),
      {
        name: values.name,
        description: values.description,
        tier: values.tier,
        passwordGrant: booleanChoice(values['password-grant'], '--password-grant'),
        accessTokenTtlSeconds: integerOption(values['token-ttl'], '--token-ttl'),
      },
      actor,
    );
    return applicationView(app);
  },
  'app disable': async (ctx, argv, actor) =>
    applicationView(await updateApplication(ctx, required(parseOptions(argv, {}).positionals[0], 'the application id'), { status: 'disabled' }, actor)),
  'app enable': async (ctx, argv, actor) =>
    applicationView(await updateApplication(ctx, required(parseOptions(argv, {}).positionals[0], 'the application id'), { status: 'active' }, actor)),
  'app list': async (ctx, argv) => {
    const { values } = parseOptions(argv, { account: { type: 'string' } });
    return { applications: (await listAccountApplications(ctx, required(values.account, '--account'))).map(applicationView) };
  },
  'app show': async (ctx, argv) => {
    const { application, keys, subscriptions } = await describeApplication(ctx, required(parseOptions(argv, {}).positionals[0], 'the application id'));
    return {
      ...applicationView(application),
      keys: keys.map((k) => ({
        environment: k.environment,
        consumer_key: k.consumer_key,
        created_at: k.created_at,
        rotated_at: k.rotated_at,
        previous_secret_expires_at: k.previous_secret_expires_at,
      })),
      subscriptions: subscriptions.map(subscriptionView),
    };
  },
  'app rotate-secret': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, { env: { type: 'string' }, 'overlap-seconds': { type: 'string' } });
    return rotateSecret(
      ctx,
      required(positionals[0], 'the application id'),
      environmentOption(values.env),
      integerOption(values['overlap-seconds'], '--overlap-seconds') ?? 86_400,
      actor,
    );
  },
  'subscription add': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { app: { type: 'string' }, service: { type: 'string' }, tier: { type: 'string' } });
    return {
      subscriptions: (await subscribe(ctx, required(values.app, '--app'), required(values.service, '--service'), values.tier, actor)).map(subscriptionView),
    };
  },
  'subscription remove': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { app: { type: 'string' }, service: { type: 'string' } });
    return { subscriptions: (await unsubscribe(ctx, required(values.app, '--app'), required(values.service, '--service'), actor)).map(subscriptionView) };
  },
  'subscription list': async (ctx, argv) => {
    const { values } = parseOptions(argv, { app: { type: 'string' } });
    return { subscriptions: (await describeApplication(ctx, required(values.app, '--app'))).subscriptions.map(subscriptionView) };
  },
  'tier list': async (ctx, argv) => {
    parseOptions(argv, {});
    return { tiers: await listThrottlingTiers(ctx) };
  },
  'tier create': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, {
      name: { type: 'string' },
      description: { type: 'string' },
      'per-minute': { type: 'string' },
      'per-day': { type: 'string' },
    });
    return createThrottlingTier(
      ctx,
      {
        name: required(values.name, '--name'),
        description: values.description,
        requestsPerMinute: integerOption(values['per-minute'], '--per-minute'),
        requestsPerDay: integerOption(values['per-day'], '--per-day'),
      },
      actor,
    );
  },
};

function applicationView(a: {
  id: string;
  name: string;
  description: string | null;
  throttling_tier: string;
  password_grant_enabled: number;
  access_token_ttl_seconds: number;
  status: string;
  created_at: string;
}) {
  return {
    application_id: a.id,
    name: a.name,
    description: a.description,
    tier: a.throttling_tier,
    password_grant: a.password_grant_enabled === 1,
    access_token_ttl_seconds: a.access_token_ttl_seconds,
    status: a.status,
    created_at: a.created_at,
  };
}
