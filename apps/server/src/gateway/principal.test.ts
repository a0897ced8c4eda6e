import { describe, expect, it } from 'vitest';
import { buildAllowList, isAddressAllowed } from './principal.ts';

describe('IP allow-list', () => {
  const list = buildAllowList(['127.0.0.1/32', '10.20.0.0/16', '2001:db8::/32']);

  it('admits addresses inside an IPv4 range and refuses those outside', () => {
    expect(isAddressAllowed(list, '127.0.0.1')).toBe(true);
    expect(isAddressAllowed(list, '10.20.255.1')).toBe(true);
    expect(isAddressAllowed(list, '10.21.0.1')).toBe(false);
    expect(isAddressAllowed(list, '203.0.113.9')).toBe(false);
  });

  it('matches IPv6 ranges', () => {
    expect(isAddressAllowed(list, '2001:db8:1::5')).toBe(true);
    expect(isAddressAllowed(list, '2001:db9::1')).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(isAddressAllowed(list, '::ffff:127.0.0.1')).toBe(true);
    expect(isAddressAllowed(list, '::ffff:203.0.113.9')).toBe(false);
  });

  it('refuses everything when the list is empty, and garbage always', () => {
    expect(isAddressAllowed(buildAllowList([]), '127.0.0.1')).toBe(false);
    expect(isAddressAllowed(list, 'not-an-ip')).toBe(false);
  });

  it('admits everyone with the open ranges', () => {
    const open = buildAllowList(['0.0.0.0/0', '::/0']);
    expect(isAddressAllowed(open, '198.51.100.7')).toBe(true);
    expect(isAddressAllowed(open, '2001:db8::1')).toBe(true);
  });
});
