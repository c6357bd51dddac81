/**
 * next-auth's CSRF cookie, read and minted outside next-auth, so that the sign-in page can render the
 * token into a plain form (no JavaScript, no GET /api/auth/csrf first). Not marked server-only:
 * proxy.ts imports it. The format is next-auth v4's own (core/lib/csrf-token.js): "token|hash" with
 * hash = sha256(token + secret) in hex; next-auth checks the posted csrfToken against it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '../env';
import { deriveKey } from '../secret';

/** The secret next-auth signs sessions and the CSRF cookie with: a key derived from the site secret. */
export function nextAuthSecret(): string {
  return deriveKey('next-auth').toString('base64url');
}

/** Whether next-auth uses its secure cookie names and flags: when the site is served over https (next-auth's own rule). */
export const secureAuthCookies = () => env().SITE_URL.startsWith('https://');

/** The CSRF cookie's name, as next-auth names it. */
export const csrfCookieName = () => `${secureAuthCookies() ? '__Host-' : ''}next-auth.csrf-token`;

/** How next-auth sets its CSRF cookie: a session cookie, HttpOnly, SameSite=Lax, whole site. */
export const csrfCookieOptions = () => ({ httpOnly: true, sameSite: 'lax' as const, path: '/', secure: secureAuthCookies() });

const hashOf = (token: string, secret: string) => createHash('sha256').update(`${token}${secret}`).digest('hex');

/** The token in a CSRF cookie next-auth will accept, or null for a missing, malformed or forged one. */
export function csrfTokenFromCookie(value: string | undefined, secret = nextAuthSecret()): string | null {
  if (!value) return null;
  // The cookie may arrive percent-encoded ("|" as %7C) depending on who wrote it.
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const [token, hash, extra] = decoded.split('|');
  if (!token || !hash || extra !== undefined || !/^[0-9a-f]{64}$/.test(hash)) return null;
  const expected = Buffer.from(hashOf(token, secret));
  return timingSafeEqual(expected, Buffer.from(hash)) ? token : null;
}

/** A new CSRF token and the cookie value that carries it. */
export function newCsrfCookie(secret = nextAuthSecret()): { token: string; value: string } {
  const token = randomBytes(32).toString('hex');
  return { token, value: `${token}|${hashOf(token, secret)}` };
}
