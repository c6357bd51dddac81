/**
 * Idempotency-Key for POST /api/comments (after Stripe and draft-ietf-httpapi-idempotency-key-header):
 * a client that did not get an answer resends the same request with the same key and gets the first
 * answer again instead of a second comment (or a 409 duplicate).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { CommentInput } from './input';
import { getCommentStore } from './store';

/** The request header. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

const KEY = /^[A-Za-z0-9._:~+/=-]{8,255}$/;

/**
 * The key a request carries, or null when it carries none. Accepts the draft's quoted form
 * (`"8e03978e-…"`) and Stripe's bare one; anything else — a repeated header (joined with commas),
 * spaces, fewer than 8 or more than 255 characters — is a 400.
 */
export function readIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  const trimmed = header.trim();
  const key = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (!KEY.test(key)) throw new AppError('invalid_idempotency_key');
  return key;
}

/** What makes two requests "the same": every field after validation and normalisation, not the client's address. */
export function requestFingerprint(input: CommentInput): string {
  const fields = Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

/** The oldest creation time a key may have and still count. */
export const idempotencyValidSince = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();

/** Forgets keys older than their 24 hours (housekeeping; expired keys are ignored anyway). */
export async function forgetExpiredIdempotencyKeys(now: Date = new Date()): Promise<number> {
  return (await getCommentStore()).purgeIdempotencyKeys(idempotencyValidSince(now));
}
