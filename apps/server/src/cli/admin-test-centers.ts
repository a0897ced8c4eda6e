import type { TestCenterStatus } from '../db/tables/test-centers.ts';
import {
  cancelClosure,
  closeCenter,
  createCenter,
  listCentersForCoordinator,
  showCenterForCoordinator,
  updateCenter,
} from '../modules/test-centers/center-admin.service.ts';
import { parseHoursSpec } from '../modules/test-centers/opening-hours.policy.ts';
import type { Actor, ServiceContext } from '../platform/context.ts';
import { integerOption, parseOptions, required, UsageError } from './args.ts';

type Handler = (ctx: ServiceContext, argv: string[], actor: Actor) => Promise<unknown>;

/** The fields a coordinator can give for a centre (create takes them all, update any of them). */
const CENTER_OPTIONS = {
  name: { type: 'string' },
  address1: { type: 'string' },
  address2: { type: 'string' },
  city: { type: 'string' },
  region: { type: 'string' },
  'postal-code': { type: 'string' },
  country: { type: 'string' },
  lat: { type: 'string' },
  lon: { type: 'string' },
  timezone: { type: 'string' },
  seats: { type: 'string' },
  hours: { type: 'string' },
} as const;

function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`${flag} must be a number, got "${value}" (negative values: ${flag}=-12.5)`);
  return parsed;
}

function statusOption(value: string | undefined): TestCenterStatus | undefined {
  if (value === undefined) return undefined;
  if (value !== 'active' && value !== 'closed') throw new UsageError('--status takes active or closed');
  return value;
}

function code(positionals: string[]): string {
  return required(positionals[0], 'the location code');
}

/** `admin test-center …` commands for coordinators (create, update, close, reopen, set-seats, list, show). */
export const testCenterCommands: Record<string, Handler> = {
  'test-center create': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, { code: { type: 'string' }, ...CENTER_OPTIONS });
    return createCenter(
      ctx,
      {
        location_code: required(values.code ?? positionals[0], '--code'),
        name: required(values.name, '--name'),
        address_line1: required(values.address1, '--address1'),
        address_line2: values.address2,
        city: required(values.city, '--city'),
        region: required(values.region, '--region'),
        postal_code: values['postal-code'],
        country: required(values.country, '--country'),
        latitude: numberOption(required(values.lat, '--lat'), '--lat') as number,
        longitude: numberOption(required(values.lon, '--lon'), '--lon') as number,
        timezone: required(values.timezone, '--timezone'),
        seats: integerOption(required(values.seats, '--seats'), '--seats') as number,
        opening_hours: parseHoursSpec(required(values.hours, '--hours')),
      },
      actor,
    );
  },
  'test-center update': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, { ...CENTER_OPTIONS, status: { type: 'string' }, reason: { type: 'string' } });
    return updateCenter(
      ctx,
      code(positionals),
      {
        name: values.name,
        address_line1: values.address1,
        address_line2: values.address2,
        city: values.city,
        region: values.region,
        postal_code: values['postal-code'],
        country: values.country,
        latitude: numberOption(values.lat, '--lat'),
        longitude: numberOption(values.lon, '--lon'),
        timezone: values.timezone,
        seats: integerOption(values.seats, '--seats'),
        opening_hours: values.hours === undefined ? undefined : parseHoursSpec(values.hours),
        status: statusOption(values.status),
        reason: values.reason,
      },
      actor,
    );
  },
  'test-center set-seats': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, { seats: { type: 'string' }, reason: { type: 'string' } });
    const seats = integerOption(required(values.seats, '--seats'), '--seats') as number;
    const result = await updateCenter(ctx, code(positionals), { seats, reason: values.reason }, actor);
    return {
      location_code: result.location_code,
      previous_seats: result.previous_seats ?? result.seats,
      seats: result.seats,
      affected_bookings: result.affected_bookings,
    };
  },
  'test-center close': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, { from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' } });
    return closeCenter(
      ctx,
      code(positionals),
      { from: required(values.from, '--from'), to: required(values.to, '--to'), reason: required(values.reason, '--reason') },
      actor,
    );
  },
  'test-center reopen': async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, { closure: { type: 'string' } });
    return cancelClosure(ctx, code(positionals), required(values.closure, '--closure'), actor);
  },
  'test-center list': async (ctx, argv) => {
    const { values } = parseOptions(argv, { country: { type: 'string' }, status: { type: 'string' } });
    return { test_centers: await listCentersForCoordinator(ctx, { country: values.country, status: statusOption(values.status) }) };
  },
  'test-center show': async (ctx, argv) => showCenterForCoordinator(ctx, code(parseOptions(argv, {}).positionals)),
};
