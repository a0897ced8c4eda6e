import { createHash, randomBytes } from 'node:crypto';
import type { PortalRealm, PortalSessionTable } from '../../db/tables/portal.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashSecret, verifyPassword } from '../../platform/secrets.ts';
import { findAccountById, findUserById } from '../identity/account.repository.ts';
import { setUserPassword } from '../identity/account.service.ts';
import { recordAudit } from '../identity/audit.ts';
import { setCoordinatorPassword } from './coordinator.service.ts';
import { PortalErrors } from './portal.errors.ts';
import { findUserByUsername } from './portal-queries.ts';
import { afterFailure, isSessionLive, lockedForSeconds, needsTouch, SESSION_MAX_MS } from './portal-session.policy.ts';
import {
  clearLoginFailures,
  findCoordinatorById,
  findCoordinatorByUsername,
  findLoginFailure,
  findSessionByHash,
  insertSession,
  revokeOtherSessions,
  revokeSession,
  saveLoginFailure,
  touchSession,
} from './portal-session.repository.ts';

// Verified against when the username is unknown, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** A partner user of the API Store, as its session sees it. */
export interface StorePrincipal {
  realm: 'store';
  userId: string;
  username: string;
  accountId: string;
  accountCode: string;
  accountName: string;
  roles: string[];
  mustChangePassword: boolean;
  actor: Actor;
}

export interface AdminPrincipal {
  realm: 'admin';
  coordinatorId: string;
  username: string;
  mustChangePassword: boolean;
  actor: Actor;
}

export type PortalPrincipal = StorePrincipal | AdminPrincipal;

export interface PortalSession {
  session: PortalSessionTable;
  principal: PortalPrincipal;
  /** Derived from the session secret, so it needs no storage and dies with the session. */
  csrfToken: string;
}

/** The CSRF token of a session: a hash of its secret under another label (the secret itself never leaves the cookie). */
export function csrfTokenOf(sessionSecret: string): string {
  return createHash('sha256').update(`atlas-portal-csrf:${sessionSecret}`).digest('base64url');
}

interface Candidate {
  passwordHash: string;
  active: boolean;
  userId: string | null;
  coordinatorId: string | null;
}

async function findCandidate(ctx: ServiceContext, realm: PortalRealm, username: string): Promise<Candidate | undefined> {
  if (realm === 'admin') {
    const c = await findCoordinatorByUsername(ctx.db, username);
    return c && { passwordHash: c.password_hash, active: c.status === 'active', userId: null, coordinatorId: c.id };
  }
  const user = await findUserByUsername(ctx.db, username);
  if (!user) return undefined;
  const account = await findAccountById(ctx.db, user.account_id);
  return { passwordHash: user.password_hash, active: user.status === 'active' && account?.status === 'active', userId: user.id, coordinatorId: null };
}

/**
 * Signs in: refuses while the username is locked (even with the right password), counts failures (known or unknown
 * usernames alike), and on success opens a session whose secret goes to the cookie and whose hash goes to the table.
 */
export async function signIn(ctx: ServiceContext, realm: PortalRealm, input: { username: string; password: string }) {
  const username = input.username.trim().toLowerCase().slice(0, 200);
  const now = ctx.clock.now();
  const failure = await findLoginFailure(ctx.db, realm, username);
  const locked = lockedForSeconds(failure, now);
  if (locked > 0) throw lockedError(locked);
  const candidate = await findCandidate(ctx, realm, username);
  const matches = await verifyPassword(input.password, candidate?.passwordHash ?? DUMMY_HASH);
  if (!candidate || !matches || !candidate.active) {
    const next = afterFailure(await findLoginFailure(ctx.db, realm, username), now);
    await saveLoginFailure(ctx.db, { realm, username, ...next });
    const lockedNow = lockedForSeconds(next, now);
    if (lockedNow > 0) throw lockedError(lockedNow);
    throw new AppError(PortalErrors.PORTAL_INVALID_CREDENTIALS);
  }
  const secret = randomBytes(32).toString('base64url');
  const session: PortalSessionTable = {
    id: ctx.ids.id('portalSession'),
    session_hash: hashSecret(secret),
    realm,
    user_id: candidate.userId,
    coordinator_id: candidate.coordinatorId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, realm, username);
    await insertSession(trx, session);
  });
  const resolved = await resolveSession(ctx, realm, secret);
  if (!resolved) throw new AppError(PortalErrors.PORTAL_NOT_SIGNED_IN);
  return { secret, ...resolved };
}

function lockedError(seconds: number): AppError {
  return new AppError(PortalErrors.PORTAL_LOGIN_LOCKED, `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minute(s)`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

/** The live session behind a cookie secret, with its principal; undefined for anything else. */
export async function resolveSession(ctx: ServiceContext, realm: PortalRealm, secret: string | undefined): Promise<PortalSession | undefined> {
  if (!secret || secret.length > 200) return undefined;
  const session = await findSessionByHash(ctx.db, realm, hashSecret(secret));
  const now = ctx.clock.now();
  if (!session || !isSessionLive(session, now)) return undefined;
  const principal = await principalOf(ctx, session);
  if (!principal) return undefined;
  if (needsTouch(session.last_seen_at, now)) await touchSession(ctx.db, session.id, now.toISOString());
  return { session, principal, csrfToken: csrfTokenOf(secret) };
}

async function principalOf(ctx: ServiceContext, session: PortalSessionTable): Promise<PortalPrincipal | undefined> {
  if (session.realm === 'admin' && session.coordinator_id) {
    const c = await findCoordinatorById(ctx.db, session.coordinator_id);
    if (c?.status !== 'active') return undefined;
    return { realm: 'admin', coordinatorId: c.id, username: c.username, mustChangePassword: c.must_change_password === 1, actor: `coordinator:${c.username}` };
  }
  if (session.realm !== 'store' || !session.user_id) return undefined;
  const user = await findUserById(ctx.db, session.user_id);
  const account = user && (await findAccountById(ctx.db, user.account_id));
  if (!user || !account || user.status !== 'active' || account.status !== 'active') return undefined;
  return {
    realm: 'store',
    userId: user.id,
    username: user.username,
    accountId: account.id,
    accountCode: account.account_code,
    accountName: account.name,
    roles: account.roles,
    mustChangePassword: user.must_change_password === 1,
    actor: `partner-user:${user.id}`,
  };
}

export async function signOut(ctx: ServiceContext, current: PortalSession): Promise<void> {
  await revokeSession(ctx.db, current.session.id, ctx.clock.now().toISOString());
}

/**
 * Changes the signed-in person's password through the same services as the CLI (setUserPassword for partner users),
 * and ends their other sessions: whoever knew the old password is signed out everywhere else.
 */
export async function changePassword(ctx: ServiceContext, current: PortalSession, input: { current_password: string; new_password: string }): Promise<void> {
  const { principal } = current;
  const stored = principal.realm === 'admin' ? await findCoordinatorById(ctx.db, principal.coordinatorId) : await findUserById(ctx.db, principal.userId);
  if (!stored || !(await verifyPassword(input.current_password, stored.password_hash))) throw new AppError(PortalErrors.PORTAL_WRONG_CURRENT_PASSWORD);
  if (input.current_password === input.new_password) throw new AppError(PortalErrors.PORTAL_SAME_PASSWORD);
  if (principal.realm === 'admin') {
    const coordinator = await findCoordinatorById(ctx.db, principal.coordinatorId);
    if (coordinator) await setCoordinatorPassword(ctx, coordinator, input.new_password, principal.actor, true);
  } else {
    await setUserPassword(ctx, principal.accountCode, principal.username, input.new_password, principal.actor);
  }
  await revokeOtherSessions(ctx.db, current.session, ctx.clock.now().toISOString());
  await recordAudit(ctx.db, ctx, {
    actor: principal.actor,
    accountId: principal.realm === 'store' ? principal.accountId : null,
    action: 'portal.password_changed',
    targetType: principal.realm === 'store' ? 'user' : 'coordinator',
    targetId: principal.realm === 'store' ? principal.userId : principal.coordinatorId,
  });
}
