import type { Environment } from '../db/schema.ts';
import type { DeliveryStatus } from '../db/tables/deliveries.ts';
import type { OutboundService } from '../db/tables/notifications.ts';
import { requireAccount } from '../modules/identity/account.service.ts';
import { deliveryOwner } from '../modules/notifications/deliveries.repository.ts';
import {
  type DeliveryCaller,
  getDeliveryWithAttempts,
  getResendJob,
  listDeliveriesPage,
  resendDelivery,
  startBulkResend,
} from '../modules/notifications/deliveries.service.ts';
import { DeliveryErrors } from '../modules/notifications/notifications.errors.ts';
import { OUTBOUND_SERVICE_SLUGS } from '../modules/notifications/notifications.policy.ts';
import { runResendJobs } from '../modules/notifications/resend-jobs.ts';
import type { Actor, ServiceContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { integerOption, parseOptions, required, UsageError } from './args.ts';

type Handler = (ctx: ServiceContext, argv: string[], actor: Actor) => Promise<unknown>;

const FILTER = {
  account: { type: 'string' },
  env: { type: 'string' },
  service: { type: 'string' },
  endpoint: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

function environmentOption(value: string | undefined): Environment {
  if (value === undefined) return 'production';
  if (value !== 'production' && value !== 'sandbox') throw new UsageError('--env takes production or sandbox');
  return value;
}

function enumOption<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes ${allowed.join(', ')}`);
  return value as T;
}

function timeOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} must be an ISO 8601 time, got "${value}"`);
  return new Date(value).toISOString();
}

/** Coordinators act for any account and see every service's deliveries. */
async function coordinatorCaller(ctx: ServiceContext, accountCode: string, environment: Environment, actor: Actor): Promise<DeliveryCaller> {
  const account = await requireAccount(ctx.db, accountCode);
  return { accountId: account.id, environment, services: OUTBOUND_SERVICE_SLUGS, actor };
}

async function callerOfDelivery(ctx: ServiceContext, id: string, actor: Actor): Promise<DeliveryCaller> {
  const owner = await deliveryOwner(ctx.db, id);
  if (!owner) throw new AppError(DeliveryErrors.NOTIFICATIONS_DELIVERY_NOT_FOUND, `no delivery ${id}`);
  return { accountId: owner.account_id, environment: owner.environment, services: OUTBOUND_SERVICE_SLUGS, actor };
}

function rangeOf(values: { service?: string; endpoint?: string; from?: string; to?: string }) {
  return {
    service: enumOption<OutboundService>(values.service, OUTBOUND_SERVICE_SLUGS, '--service'),
    endpoint_id: values.endpoint,
    from: timeOption(values.from, '--from'),
    to: timeOption(values.to, '--to'),
  };
}

/** `admin deliveries …`: the notification error queue and resends, for coordinators (any account). */
export const deliveryCommands: Record<string, Handler> = {
  'deliveries list': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { ...FILTER, status: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' } });
    const caller = await coordinatorCaller(ctx, required(values.account, '--account'), environmentOption(values.env), actor);
    const status = enumOption<DeliveryStatus>(values.status, ['pending', 'delivered', 'failed'], '--status');
    const pageSize = integerOption(values.limit, '--limit') ?? 50;
    if (pageSize < 1 || pageSize > 200) throw new UsageError('--limit takes 1 to 200');
    return listDeliveriesPage(ctx, caller, { ...rangeOf(values), status, page_size: pageSize, cursor: values.cursor });
  },
  'deliveries show': async (ctx, argv, actor) => {
    const { positionals } = parseOptions(argv, {});
    const id = required(positionals[0], 'the delivery id');
    return getDeliveryWithAttempts(ctx, await callerOfDelivery(ctx, id, actor), id);
  },
  'deliveries resend': async (ctx, argv, actor) => {
    const { positionals } = parseOptions(argv, {});
    const id = required(positionals[0], 'the delivery id');
    return resendDelivery(ctx, await callerOfDelivery(ctx, id, actor), id);
  },
  /** Queues the bulk resend and works it through at once (the worker would pick it up too). */
  'deliveries resend-failed': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, FILTER);
    const caller = await coordinatorCaller(ctx, required(values.account, '--account'), environmentOption(values.env), actor);
    const job = await startBulkResend(ctx, caller, rangeOf(values));
    await runResendJobs(ctx);
    return getResendJob(ctx, caller, job.job_id);
  },
};
