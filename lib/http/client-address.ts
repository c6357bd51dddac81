import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { deriveKey } from '../secret';

let key: Buffer | undefined;

/** A keyed hash of an IP address: enough to count a flood, useless to anyone without the secret. */
export function hashIp(ip: string): string {
  key ??= deriveKey('ip-hash');
  return createHmac('sha256', key).update(ip).digest('base64url').slice(0, 22);
}

/** The network an address belongs to, for editors: IPv4 /24 or IPv6 /48. Never the full address. */
export function truncateIp(ip: string): string | null {
  const mapped = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(mapped)) return `${mapped.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(mapped)) {
    const [head = '', tail = ''] = mapped.split('::');
    const headGroups = head ? head.split(':') : [];
    const tailGroups = tail ? tail.split(':') : [];
    const groups = mapped.includes('::') ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
    return `${groups.slice(0, 3).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/48`;
  }
  return null;
}

/**
 * The client's address: X-Forwarded-For as the server saw it, trusting only the entries added by
 * `trustedProxies` proxies of our own (Next's own server appends the socket address last).
 */
export function clientIp(forwardedFor: string | null, trustedProxies: number): string | null {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const candidate = hops[hops.length - 1 - trustedProxies] ?? hops[0];
  return candidate && (isIPv4(candidate) || isIPv6(candidate) || isIPv4(candidate.replace(/^::ffff:/, ''))) ? candidate : null;
}
