/**
 * The proof that a visitor is a commenter the site already knows: a long-lived cookie holding a random
 * key, signed with a key derived from the site secret. The first comment a browser posts gets a new
 * key; every comment stores a hash of the key it came with; trust is counted only from approved comments
 * that carry the same key (lib/comments/policy.ts). Knowing a regular's name and email is not enough:
 * without their browser's cookie, a comment under their name starts from nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { signWithSecret } from '../secret';

export const COMMENTER_COOKIE = 'es_commenter';
/** Chrome keeps a cookie at most 400 days; each comment posted renews it. */
export const COMMENTER_COOKIE_MAX_AGE_SECONDS = 400 * 86_400;
const PURPOSE = 'returning-commenter';
const KEY = /^[A-Za-z0-9_-]{22}$/;

/** A new key for a browser that has none: 128 random bits. */
export const newCommenterKey = () => randomBytes(16).toString('base64url');

/** What the database keeps of a key: its SHA-256, so the rows alone cannot be turned back into cookies. */
export const commenterHash = (key: string) => createHash('sha256').update(key).digest('base64url');

/** The cookie's value for a key: "<key>.<HMAC of the key>". */
export const commenterCookieValue = (key: string) => `${key}.${signWithSecret(PURPOSE, key)}`;

/** The key in a genuine cookie value, or null for a missing, malformed or forged one (compared in constant time). */
export function commenterKeyFromCookie(value: string | undefined): string | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  const key = value.slice(0, dot);
  if (dot < 0 || !KEY.test(key)) return null;
  const expected = Buffer.from(signWithSecret(PURPOSE, key));
  const given = Buffer.from(value.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? key : null;
}

/** The key in a request's returning-commenter cookie, or null. */
export function commenterKeyFromRequest(request: Request): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COMMENTER_COOKIE) return commenterKeyFromCookie(part.slice(eq + 1).trim());
  }
  return null;
}

/**
 * The Set-Cookie line for a key: sent only to the comments endpoint (the only place that reads it),
 * HttpOnly, SameSite=Lax (a plain form post from the article page carries it), Secure over https.
 */
export function commenterCookie(key: string, secure: boolean): string {
  return `${COMMENTER_COOKIE}=${commenterCookieValue(key)}; Path=/api/comments; Max-Age=${COMMENTER_COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
