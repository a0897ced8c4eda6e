import { createCoordinator, listCoordinators, resetCoordinatorPassword } from '../modules/portal/coordinator.service.ts';
import type { Actor, ServiceContext } from '../platform/context.ts';
import { parseOptions, required } from './args.ts';

type Handler = (ctx: ServiceContext, argv: string[], actor: Actor) => Promise<unknown>;

/** Admin-console users (implementation coordinators): created with a one-time password they change at first sign-in. */
export const coordinatorCommands: Record<string, Handler> = {
  'coordinator create': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { username: { type: 'string' } });
    return createCoordinator(ctx, { username: required(values.username, '--username') }, actor);
  },
  'coordinator reset-password': async (ctx, argv, actor) => {
    const { values } = parseOptions(argv, { username: { type: 'string' } });
    return resetCoordinatorPassword(ctx, required(values.username, '--username'), actor);
  },
  'coordinator list': async (ctx, argv) => {
    parseOptions(argv, {});
    return { coordinators: await listCoordinators(ctx) };
  },
};
