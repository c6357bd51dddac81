import { describe, expect, it } from 'vitest';
import { clientIp, truncateIp } from './client-address';

describe('truncateIp', () => {
  it('keeps the /24 of an IPv4 address', () => expect(truncateIp('203.0.113.77')).toBe('203.0.113.0/24'));
  it('unwraps IPv4-mapped IPv6', () => expect(truncateIp('::ffff:203.0.113.77')).toBe('203.0.113.0/24'));
  it('keeps the /48 of an IPv6 address', () => expect(truncateIp('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48'));
  it('expands a short IPv6 address', () => expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::/48'));
  it('refuses what is not an address', () => expect(truncateIp('localhost')).toBeNull());
});

describe('clientIp', () => {
  it('takes the address the server itself saw when no proxy is trusted', () => {
    expect(clientIp('6.6.6.6, 198.51.100.7', 0)).toBe('198.51.100.7');
  });

  it('takes the address the trusted proxy saw', () => {
    expect(clientIp('6.6.6.6, 203.0.113.9, 10.0.0.2', 1)).toBe('203.0.113.9');
  });

  it('returns null for a missing or forged header', () => {
    expect(clientIp(null, 0)).toBeNull();
    expect(clientIp('not-an-ip', 0)).toBeNull();
  });
});
