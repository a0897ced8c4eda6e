import net from 'node:net';
import { isRole, ROLES, type Role, SERVICE_SLUGS, type ServiceSlug } from '../../gateway/service-catalog.ts';
import { AppError } from '../../platform/errors.ts';
import { IdentityErrors } from './identity.errors.ts';

/** Pure rules for identity input: no I/O, so they are unit-tested beside this file. */

/** Normalises a CIDR (`10.0.0.1` → `10.0.0.1/32`, IPv6 lower-cased); throws IDENTITY_INVALID_CIDR. */
export function normalizeCidr(input: string): string {
  const [address = '', prefixText, ...rest] = input.trim().split('/');
  const family = net.isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (family === 0 || rest.length > 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix || prefixText === '') {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_CIDR, `"${input}" is not an IPv4 or IPv6 CIDR`);
  }
  return `${family === 6 ? address.toLowerCase() : address}/${prefix}`;
}

/** Anyone, anywhere: what an account gets when the coordinator gives no range (stored explicitly, so visible). */
export const OPEN_CIDRS = ['0.0.0.0/0', '::/0'];

export function parseRoles(input: string | readonly string[]): Role[] {
  const items = typeof input === 'string' ? splitList(input) : [...input];
  if (items.length === 1 && items[0] === 'all') return [...ROLES];
  const unknown = items.filter((item) => !isRole(item));
  if (unknown.length > 0) throw new AppError(IdentityErrors.IDENTITY_UNKNOWN_ROLE, `unknown role(s): ${unknown.join(', ')}`);
  return [...new Set(items as Role[])];
}

export function parseServices(input: string | readonly string[]): ServiceSlug[] {
  const items = typeof input === 'string' ? splitList(input) : [...input];
  if (items.length === 1 && items[0] === 'all') return [...SERVICE_SLUGS];
  const unknown = items.filter((item) => !(SERVICE_SLUGS as readonly string[]).includes(item));
  if (unknown.length > 0) throw new AppError(IdentityErrors.IDENTITY_UNKNOWN_SERVICE, `unknown service(s): ${unknown.join(', ')}`);
  return [...new Set(items as ServiceSlug[])];
}

export function splitList(input: string): string[] {
  return input
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

export function validateUsername(username: string): string {
  const normalized = username.trim().toLowerCase();
  if (!USERNAME.test(normalized)) {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_INPUT, 'username must be 3–64 characters: letters, digits, ".", "_", "@" or "-"');
  }
  return normalized;
}

export function validatePassword(password: string): string {
  if (password.length < 12) throw new AppError(IdentityErrors.IDENTITY_WEAK_PASSWORD, 'the password must have at least 12 characters');
  if (password.length > 256) throw new AppError(IdentityErrors.IDENTITY_INVALID_INPUT, 'the password must have at most 256 characters');
  return password;
}

export function validateName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_INPUT, `${what} must have 1–200 characters`);
  }
  return trimmed;
}

export function validateTokenTtl(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > 86_400) {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_INPUT, 'the access token lifetime must be 60–86400 seconds');
  }
  return seconds;
}
