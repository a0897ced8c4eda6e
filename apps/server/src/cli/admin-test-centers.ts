import type { Actor, ServiceContext } from '../platform/context.ts';

type Handler = (ctx: ServiceContext, argv: string[], actor: Actor) => Promise<unknown>;

/** `admin test-center …` commands for coordinators (create, update, close, reopen, list, show). */
export const testCenterCommands: Record<string, Handler> = {};
