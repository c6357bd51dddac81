/**
 * Outside the Next server (CLI, tests): ask the running site to refresh cached pages, signing the
 * request with a key derived from the shared secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../secret';
import { tagsForArticle } from './tags';

const MAX_SKEW_MS = 5 * 60_000;

export function signRevalidation(body: string): string {
  return createHmac('sha256', deriveKey('revalidate')).update(body).digest('base64url');
}

/** Checks a revalidation request's signature and age; returns its tags or null. */
export function verifyRevalidation(body: string, signature: string | null, now: number = Date.now()): string[] | null {
  if (!signature) return null;
  const expected = Buffer.from(signRevalidation(body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(body) as { tags?: unknown; at?: unknown };
    if (typeof parsed.at !== 'number' || Math.abs(now - parsed.at) > MAX_SKEW_MS) return null;
    if (!Array.isArray(parsed.tags) || !parsed.tags.every((t) => typeof t === 'string' && t.length <= 256)) return null;
    return parsed.tags as string[];
  } catch {
    return null;
  }
}

/** Tells the site at `origin` that an article's comments changed. Returns whether it answered OK. */
export async function notifySite(origin: string, slug: string): Promise<boolean> {
  const body = JSON.stringify({ tags: tagsForArticle(slug), at: Date.now() });
  try {
    const response = await fetch(new URL('/api/internal/revalidate', origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signRevalidation(body) },
      body,
      signal: AbortSignal.timeout(5000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
