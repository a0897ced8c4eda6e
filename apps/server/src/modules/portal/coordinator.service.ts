import { isUniqueViolation } from '../../db/executor.ts';
import type { CoordinatorTable } from '../../db/tables/portal.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { generateOneTimePassword, hashPassword } from '../../platform/secrets.ts';
import { recordAudit } from '../identity/audit.ts';
import { validatePassword, validateUsername } from '../identity/identity.policy.ts';
import { PortalErrors } from './portal.errors.ts';
import { findCoordinatorByUsername, insertCoordinator, listCoordinatorRows, updateCoordinatorRow } from './portal-session.repository.ts';

/** Creates an admin-console user with a one-time password (shown once; it only opens the change form). */
export async function createCoordinator(ctx: ServiceContext, input: { username: string }, actor: Actor) {
  const username = validateUsername(input.username);
  const password = generateOneTimePassword();
  const now = ctx.clock.now().toISOString();
  const row: CoordinatorTable = {
    id: ctx.ids.id('coordinator'),
    username,
    password_hash: await hashPassword(password),
    must_change_password: 1,
    status: 'active',
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertCoordinator(trx, row);
      await recordAudit(trx, ctx, {
        actor,
        accountId: null,
        action: 'coordinator.created',
        targetType: 'coordinator',
        targetId: row.id,
        details: { username },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(PortalErrors.PORTAL_COORDINATOR_USERNAME_TAKEN, `a coordinator is called "${username}"`);
    throw error;
  }
  return { username, password, one_time: true };
}

export async function listCoordinators(ctx: ServiceContext) {
  return (await listCoordinatorRows(ctx.db)).map((c) => ({
    username: c.username,
    status: c.status,
    must_change_password: c.must_change_password === 1,
    created_at: c.created_at,
  }));
}

/** A new one-time password for a coordinator (e.g. after a lockout or a lost password). */
export async function resetCoordinatorPassword(ctx: ServiceContext, username: string, actor: Actor) {
  const coordinator = await findCoordinatorByUsername(ctx.db, username.trim().toLowerCase());
  if (!coordinator) throw new AppError(PortalErrors.PORTAL_COORDINATOR_NOT_FOUND, `no coordinator is called "${username}"`);
  const password = generateOneTimePassword();
  await setCoordinatorPassword(ctx, coordinator, password, actor, false);
  return { username: coordinator.username, password, one_time: true };
}

export async function setCoordinatorPassword(ctx: ServiceContext, coordinator: CoordinatorTable, password: string, actor: Actor, permanent: boolean) {
  const passwordHash = await hashPassword(permanent ? validatePassword(password) : password);
  await ctx.db.transaction().execute(async (trx) => {
    await updateCoordinatorRow(trx, coordinator.id, {
      password_hash: passwordHash,
      must_change_password: permanent ? 0 : 1,
      updated_at: ctx.clock.now().toISOString(),
    });
    await recordAudit(trx, ctx, {
      actor,
      accountId: null,
      action: permanent ? 'coordinator.password_set' : 'coordinator.password_reset',
      targetType: 'coordinator',
      targetId: coordinator.id,
    });
  });
}
