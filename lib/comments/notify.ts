/**
 * Outside the Next server (CLI, tests): ask the running site to refresh cached pages, signing the
 * request with a key derived from the shared secret.
 */
import { signWithSecret, verifySignedJson } from '../secret';
import { tagsForArticle } from './tags';

const MAX_SKEW_MS = 5 * 60_000;

export function signRevalidation(body: string): string {
  return signWithSecret('revalidate', body);
}

/** Checks a revalidation request's signature and age; returns its tags or null. */
export function verifyRevalidation(body: string, signature: string | null, now: number = Date.now()): string[] | null {
  const parsed = verifySignedJson('revalidate', body, signature, MAX_SKEW_MS, now);
  const tags = parsed?.tags;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && t.length <= 256)) return null;
  return tags as string[];
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
