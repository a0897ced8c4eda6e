import { timingSafeEqual } from 'node:crypto';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AtlasConfig } from '../../config.ts';
import type { PortalRealm } from '../../db/tables/portal.ts';
import { publicOrigin } from '../../gateway/route-support.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { PortalErrors } from './portal.errors.ts';
import { isSameOrigin, SESSION_MAX_MS } from './portal-session.policy.ts';
import { type AdminPrincipal, type PortalSession, resolveSession, type StorePrincipal } from './portal-session.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    portalSession?: PortalSession;
  }
}

/** One cookie per realm, scoped to its path: a partner session is never even sent to the admin console. */
const COOKIE_NAME: Record<PortalRealm, string> = { store: 'atlas_store_session', admin: 'atlas_admin_session' };
const COOKIE_PATH: Record<PortalRealm, string> = { store: '/store', admin: '/admin' };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** HttpOnly (no script reads it), SameSite=Strict (no cross-site sends), Secure in production. */
export function sessionCookie(config: AtlasConfig, realm: PortalRealm, secret: string | null): string {
  return fastifyCookie.serialize(COOKIE_NAME[realm], secret ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.mode === 'production',
    path: COOKIE_PATH[realm],
    maxAge: secret ? SESSION_MAX_MS / 1000 : 0,
  });
}

export function sessionSecretOf(request: FastifyRequest, realm: PortalRealm): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return fastifyCookie.parse(header)[COOKIE_NAME[realm]];
}

/** Security headers for the portal's pages and its JSON API (targets.md). */
export function setPortalSecurityHeaders(reply: FastifyReply, config: AtlasConfig): FastifyReply {
  reply
    .header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cross-Origin-Opener-Policy', 'same-origin')
    .header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    .header('Cache-Control', 'no-store');
  if (config.mode === 'production') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return reply;
}

/** Refuses state-changing calls whose Origin is another site (the sign-in form included: login CSRF). */
export function checkOrigin(config: AtlasConfig, request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (!isSameOrigin(typeof origin === 'string' ? origin : undefined, publicOrigin(config, request))) {
    throw new AppError(PortalErrors.PORTAL_CSRF_REJECTED, 'the request comes from another site');
  }
}

function csrfMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface GuardOptions {
  /** The password-change, session and sign-out calls work with a one-time password; nothing else does. */
  allowPendingPassword?: boolean;
}

/**
 * onRequest hook of every portal API route that needs a session: resolves the cookie to a live session, checks
 * Origin and the X-CSRF-Token header on state-changing calls, and holds one-time-password sessions to the change form.
 */
export function sessionGuard(ctx: ServiceContext, config: AtlasConfig, realm: PortalRealm, options: GuardOptions = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    setPortalSecurityHeaders(reply, config);
    const current = await resolveSession(ctx, realm, sessionSecretOf(request, realm));
    if (!current) throw new AppError(PortalErrors.PORTAL_NOT_SIGNED_IN);
    if (!SAFE_METHODS.has(request.method)) {
      checkOrigin(config, request);
      if (!csrfMatches(request.headers['x-csrf-token'], current.csrfToken)) {
        throw new AppError(PortalErrors.PORTAL_CSRF_REJECTED, 'the X-CSRF-Token header is missing or does not belong to this session');
      }
    }
    if (current.principal.mustChangePassword && !options.allowPendingPassword) throw new AppError(PortalErrors.PORTAL_PASSWORD_CHANGE_REQUIRED);
    request.portalSession = current;
  };
}

export function storePrincipalOf(request: FastifyRequest): StorePrincipal {
  const principal = request.portalSession?.principal;
  if (principal?.realm !== 'store') throw new AppError(PortalErrors.PORTAL_NOT_SIGNED_IN);
  return principal;
}

export function adminPrincipalOf(request: FastifyRequest): AdminPrincipal {
  const principal = request.portalSession?.principal;
  if (principal?.realm !== 'admin') throw new AppError(PortalErrors.PORTAL_NOT_SIGNED_IN);
  return principal;
}

export function portalSessionOf(request: FastifyRequest): PortalSession {
  if (!request.portalSession) throw new AppError(PortalErrors.PORTAL_NOT_SIGNED_IN);
  return request.portalSession;
}
