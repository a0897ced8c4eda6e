import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { AtlasMode } from '../../config.ts';

/**
 * SSRF guard for partner endpoint URLs: Atlas calls these from inside its network, so in production a URL must be
 * https and its host must neither be nor resolve to an address of ours (loopback, private, link-local, CGNAT,
 * unspecified, cloud metadata). Development allows http and loopback so a receiver on localhost works.
 * The dispatcher must check again at every connection (DNS can change after registration).
 */
export type UrlRefusal = { reason: string };

/** Resolves a host name to every address it has (injected in tests; `node:dns/promises` lookup in production). */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

const BLOCKED: { name: string; list: BlockList } = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
    ['10.0.0.0', 8],
    ['100.64.0.0', 10], // CGNAT
    ['127.0.0.0', 8],
    ['169.254.0.0', 16], // link-local, including the 169.254.169.254 metadata service
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['192.0.0.0', 24], // IETF protocol assignments (includes 192.0.0.192 Oracle metadata)
    ['198.18.0.0', 15], // benchmarking
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved and broadcast
  ];
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, 'ipv4');
  const v6: [string, number][] = [
    ['::', 128], // unspecified
    ['::1', 128], // loopback
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['ff00::', 8], // multicast
    ['fd00:ec2::254', 128], // AWS metadata over IPv6 (inside fc00::/7 already; named for clarity)
    // NAT64 (RFC 6052 well-known prefix, RFC 8215 local-use): on a NAT64 network 64:ff9b::a9fe:a9fe IS 169.254.169.254.
    ['64:ff9b::', 96],
    ['64:ff9b:1::', 48],
    ['2002::', 16], // 6to4: embeds any IPv4 address, internal ones included
  ];
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, 'ipv6');
  return { name: 'internal', list };
})();

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

/**
 * IPv4-mapped and -compatible IPv6 are checked as the IPv4 address they carry, in either spelling: `::ffff:10.0.0.1`
 * or `::ffff:a00:1` (the WHATWG URL parser rewrites `[::ffff:127.0.0.1]` to `[::ffff:7f00:1]`).
 */
function normalise(address: string): string {
  const lower = address.toLowerCase().replace(/^\[|\]$/g, '');
  const dotted = /^::(ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[2]) return dotted[2];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const [high, low] = [Number.parseInt(hex[1], 16), Number.parseInt(hex[2], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return lower;
}

/** `localhost.` is `localhost`: a fully qualified name's trailing dot must not slip past the name rule. */
function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** Why an address may not be called, or null when it is public. */
export function addressRefusal(rawAddress: string, mode: AtlasMode): UrlRefusal | null {
  const address = normalise(rawAddress);
  const family = isIP(address);
  if (family === 0) return { reason: `"${rawAddress}" is not an IP address` };
  if (mode === 'development' && isLoopback(address)) return null;
  if (BLOCKED.list.check(address, family === 4 ? 'ipv4' : 'ipv6')) {
    return { reason: `${rawAddress} is a loopback, private, link-local, shared (CGNAT), reserved or metadata address` };
  }
  return null;
}

/** The static part: scheme, credentials in the URL, and a literal IP host. Null when DNS must decide. */
export function urlRefusal(url: URL, mode: AtlasMode): UrlRefusal | null {
  if (url.protocol !== 'https:' && !(mode === 'development' && url.protocol === 'http:')) {
    return { reason: mode === 'production' ? 'the URL must use https' : 'the URL must use http or https' };
  }
  if (url.username || url.password) return { reason: 'credentials belong in `auth`, not in the URL' };
  const host = hostOf(url);
  if (isIP(host)) return addressRefusal(host, mode);
  if (mode === 'production' && (host === 'localhost' || host.endsWith('.localhost'))) return { reason: `${host} is a loopback name` };
  return null;
}

/** Checks a URL and every address its host resolves to; a host that does not resolve is refused too. */
export async function checkEndpointUrl(raw: string, mode: AtlasMode, resolve: Resolver = systemResolver): Promise<UrlRefusal | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: 'not an absolute URL' };
  }
  const refusal = urlRefusal(url, mode);
  if (refusal) return refusal;
  const host = hostOf(url);
  if (isIP(host)) return null;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { reason: `${host} does not resolve` };
  }
  if (addresses.length === 0) return { reason: `${host} does not resolve` };
  for (const address of addresses) {
    const refused = addressRefusal(address, mode);
    if (refused) return { reason: `${host} resolves to ${refused.reason}` };
  }
  return null;
}
