import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../secret';

/** How long a "share for review" link works by default. */
export const REVIEW_LINK_HOURS = 48;

let key: Buffer | undefined;
const sign = (payload: string) => createHmac('sha256', (key ??= deriveKey('review-link'))).update(payload).digest('base64url');

/** A signed, expiring, read-only link token for one article: `<base64url {s, e}>.<signature>`. */
export function createReviewToken(slug: string, now: Date = new Date(), hours: number = REVIEW_LINK_HOURS): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  const payload = Buffer.from(JSON.stringify({ s: slug, e: expiresAt.getTime() })).toString('base64url');
  return { token: `${payload}.${sign(payload)}`, expiresAt };
}

/** The article slug a review token opens, or null when it is forged, damaged or expired. */
export function readReviewToken(token: string, now: Date = new Date()): { slug: string; expiresAt: Date } | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0 || token.length > 600) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { s, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s?: unknown; e?: unknown };
    if (typeof s !== 'string' || typeof e !== 'number' || e <= now.getTime()) return null;
    return { slug: s, expiresAt: new Date(e) };
  } catch {
    return null;
  }
}
