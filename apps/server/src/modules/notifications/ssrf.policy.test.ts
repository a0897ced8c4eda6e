import { describe, expect, it } from 'vitest';
import { addressRefusal, checkEndpointUrl, type Resolver } from './ssrf.policy.ts';

const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;
const unresolvable: Resolver = async () => {
  throw new Error('ENOTFOUND');
};

describe('SSRF guard for endpoint URLs', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::7f00:1',
    '64:ff9b::10.0.0.1',
    '64:ff9b:1::a00:1',
    '2002:7f00:1::1',
  ])('refuses the internal address %s in production', (address) => {
    expect(addressRefusal(address, 'production')).not.toBeNull();
  });

  it.each(['203.0.113.10', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888'])('accepts the public address %s', (address) => {
    expect(addressRefusal(address, 'production')).toBeNull();
  });

  it('accepts a public https URL whose host resolves only to public addresses', async () => {
    expect(await checkEndpointUrl('https://hooks.example.com/atlas', 'production', resolvesTo('203.0.113.10', '2001:db8::1'))).toBeNull();
  });

  it('refuses http in production, naming the reason', async () => {
    expect(await checkEndpointUrl('http://hooks.example.com/atlas', 'production', resolvesTo('203.0.113.10'))).toEqual({ reason: 'the URL must use https' });
  });

  it('refuses a name that resolves to a private or metadata address, even when another of its addresses is public', async () => {
    const refusal = await checkEndpointUrl('https://sneaky.example.com/', 'production', resolvesTo('203.0.113.10', '169.254.169.254'));
    expect(refusal?.reason).toMatch(/^sneaky\.example\.com resolves to 169\.254\.169\.254/);
    expect(await checkEndpointUrl('https://intranet.example.com/', 'production', resolvesTo('10.0.0.7'))).not.toBeNull();
  });

  it('refuses literal internal hosts, localhost, unresolvable names, credentials in the URL and other schemes', async () => {
    const resolver = resolvesTo('203.0.113.10');
    for (const url of [
      'https://127.0.0.1/hook',
      'https://[::1]/hook',
      'https://[fe80::1]/hook',
      'https://192.168.0.10/hook',
      'https://localhost/hook',
      'https://localhost./hook',
      'https://LOCALHOST/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
      'https://2130706433/hook',
      'https://0x7f.1/hook',
      'https://user:pass@hooks.example.com/hook',
      'ftp://hooks.example.com/hook',
      'not a url',
    ]) {
      expect(await checkEndpointUrl(url, 'production', resolver), url).not.toBeNull();
    }
    expect(await checkEndpointUrl('https://nowhere.invalid/', 'production', unresolvable)).toEqual({ reason: 'nowhere.invalid does not resolve' });
  });

  it('allows http and loopback in development, but still not private or metadata addresses', async () => {
    expect(await checkEndpointUrl('http://127.0.0.1:9000/hook', 'development', unresolvable)).toBeNull();
    expect(await checkEndpointUrl('http://localhost:9000/hook', 'development', resolvesTo('127.0.0.1', '::1'))).toBeNull();
    expect(await checkEndpointUrl('http://169.254.169.254/latest', 'development', unresolvable)).not.toBeNull();
  });
});
