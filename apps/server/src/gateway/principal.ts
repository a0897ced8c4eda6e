import { BlockList } from 'node:net';
import type { Environment } from '../db/schema.ts';

export interface TierLimits {
  tier: string;
  requestsPerMinute: number | null;
  requestsPerDay: number | null;
}

/** Who is calling, as the gateway established it from the bearer token. Services receive it, never the request. */
export interface Principal {
  tokenId: string;
  tokenHash: string;
  familyId: string | null;
  accountId: string;
  accountCode: string;
  accountName: string;
  applicationId: string;
  applicationName: string;
  environment: Environment;
  userId: string | null;
  username: string | null;
  scope: string;
  /** The account's roles narrowed by the token's scope. */
  roles: ReadonlySet<string>;
  cidrs: readonly string[];
  allowList: BlockList;
  /** IP → allow-list decision, for the principal's cached life (BlockList.check builds a SocketAddress per call). */
  ipDecisions: Map<string, boolean>;
  subscriptions: ReadonlyMap<string, TierLimits & { status: string }>;
  applicationTier: TierLimits;
  issuedAt: string;
  expiresAtMs: number;
  /** Derived once per cached principal for whoami: roles and subscriptions sorted. */
  sortedRoles: string[];
  sortedSubscriptions: { service: string; tier: string; status: string }[];
}

export function buildAllowList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix = ''] = cidr.split('/');
    const type = address.includes(':') ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** The allow-list decision for a caller IP, remembered per principal (bounded: a principal sees few addresses). */
export function isPrincipalAddressAllowed(principal: Principal, ip: string): boolean {
  let allowed = principal.ipDecisions.get(ip);
  if (allowed === undefined) {
    allowed = isAddressAllowed(principal.allowList, ip);
    if (principal.ipDecisions.size < 64) principal.ipDecisions.set(ip, allowed);
  }
  return allowed;
}

/** `::ffff:203.0.113.9` (an IPv4 client on a dual-stack socket) is checked as the IPv4 address it is. */
export function isAddressAllowed(allowList: BlockList, ip: string): boolean {
  const mapped = ip.toLowerCase().startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
  try {
    return allowList.check(mapped, mapped.includes(':') ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
}

/** The audit log's name for the caller: the user for a user token, else the application. */
export function actorOf(principal: Principal): string {
  return principal.userId ? `partner-user:${principal.userId}` : `partner-application:${principal.applicationId}`;
}
