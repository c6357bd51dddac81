/**
 * Without JavaScript, a refused comment form is answered 303 to the respond page, which shows the
 * reader's text back with the errors. What they typed travels in their own browser — sealed
 * (lib/comments/flash-seal.ts) in one short-lived cookie under the 4 KB a browser keeps — never in
 * the database: a refusal must not become a write, or anyone could fill the disk by being refused.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AppError } from '../errors';
import { open, seal, SEALED_PREFIX } from './flash-seal';
import { getCommentStore } from './store';

export const FLASH_COOKIE = 'es_comment_form';
/** Long enough to land on the respond page and reload it; once shown, the form itself holds the text. */
export const FLASH_TTL_MS = 10 * 60_000;
/** The hour rows in the retired comment_flash table were kept for (read until they expire, then purged). */
export const LEGACY_FLASH_TTL_MS = 60 * 60_000;
/** What browsers keep of one cookie: its whole Set-Cookie line, name, value and attributes, is held to this. */
export const COOKIE_LIMIT_BYTES = 4096;

const valuesSchema = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  url: z.string().optional(),
  body: z.string().optional(),
  parentId: z.string().optional(),
  remember: z.boolean().optional(),
});

const failureSchema = z.object({
  values: valuesSchema,
  message: z.string(),
  fields: z.record(z.string(), z.string()),
  /** True when some of what the reader typed was too long to keep, and is not shown back. */
  lost: z.boolean().optional(),
});

/** What a reader typed, and what was wrong with it, to show back on the form without JavaScript. */
export type FormFailure = z.infer<typeof failureSchema>;

// Twice each field's limit (lib/comments/input.ts): the browser counts a line break as one character
// and sends two. Anything longer came from no form of ours and is not worth compressing.
const KEEP_AT_MOST = { name: 160, email: 508, url: 400, body: 10_000, parentId: 64 } as const;

/** The failure to show back: each field the reader sent, within its bound, and the errors. */
export function formFailure(raw: Record<string, unknown>, error: AppError): FormFailure {
  const values: FormFailure['values'] = { remember: raw.remember !== undefined && raw.remember !== '' };
  let lost = false;
  for (const [name, limit] of Object.entries(KEEP_AT_MOST) as [keyof typeof KEEP_AT_MOST, number][]) {
    const value = raw[name];
    if (typeof value !== 'string') continue;
    if (value.length > limit) lost = true;
    else values[name] = name === 'body' ? value.replace(/\r\n?/g, '\n') : value;
  }
  return { values, message: error.message, fields: error.fields ?? {}, ...(lost ? { lost } : {}) };
}

/**
 * The Set-Cookie line that carries `failure` to the respond page of `article` for the form `id`,
 * within COOKIE_LIMIT_BYTES. When it does not fit, the comment is left out; when even that does not
 * fit, every value is: the reader still sees what was wrong, and `lost` says their text could not be kept.
 */
export function formFailureCookie(article: string, id: string, failure: FormFailure, secure: boolean, now: number = Date.now()): string {
  const maxAge = Math.floor(FLASH_TTL_MS / 1000);
  const attributes = cookieAttributes(article, maxAge, secure);
  // Counted with Secure: behind an https proxy server.mjs adds it to a line written without (hardenCookie).
  const budget = COOKIE_LIMIT_BYTES - Buffer.byteLength(`${FLASH_COOKIE}=${cookieAttributes(article, maxAge, true)}`);
  const candidates: FormFailure[] = [
    failure,
    { ...failure, values: { ...failure.values, body: undefined }, lost: true },
    { ...failure, values: {}, lost: true },
    { message: failure.message, fields: {}, values: {}, lost: true },
  ];
  for (const candidate of candidates) {
    const value = seal(candidate, { article, id }, now + FLASH_TTL_MS);
    if (value.length <= budget) return `${FLASH_COOKIE}=${value}${attributes}`;
  }
  // Unreachable for this site's messages; an empty cookie shows the "expired" notice rather than fail the answer.
  return `${FLASH_COOKIE}=${attributes}`;
}

/** Removes the cookie once the comment is posted: what the reader typed need not stay in their browser. */
export function clearFormFailureCookie(article: string, secure: boolean): string {
  return `${FLASH_COOKIE}=${cookieAttributes(article, 0, secure)}`;
}

/** A new form id for the respond page's address (?f=), to which the cookie is bound. */
export const newFormFailureId = () => randomBytes(12).toString('base64url');

/** The failed submission for this form id and article, only to the browser holding its cookie, only while it lasts. */
export async function readFormFailure(id: string, cookie: string | undefined, article: string, now: number = Date.now()): Promise<FormFailure | undefined> {
  if (!cookie || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) return undefined;
  if (cookie.startsWith(SEALED_PREFIX)) {
    const parsed = failureSchema.safeParse(open(cookie, { article, id }, now));
    return parsed.success ? parsed.data : undefined;
  }
  return readLegacyFormFailure(id, cookie, article, now);
}

/** Deletes the retired table's rows past their hour (housekeeping, lib/maintenance.ts); returns how many. */
export async function forgetExpiredFormFailures(now: Date = new Date()): Promise<number> {
  return (await getCommentStore()).purgeFlashes(new Date(now.getTime() - LEGACY_FLASH_TTL_MS).toISOString());
}

function cookieAttributes(article: string, maxAgeSeconds: number, secure: boolean): string {
  return `; Path=/articles/${article}/respond; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * A failure stored in the comment_flash table before failures moved to the cookie, keyed by the
 * random key that cookie held; read only for the hour such rows lived, so no reader fixing a form
 * across the upgrade loses their text. Nothing writes that table any more.
 */
async function readLegacyFormFailure(id: string, key: string, article: string, now: number): Promise<FormFailure | undefined> {
  const row = await (await getCommentStore()).getFlash(id);
  if (!row || row.article !== article || now - Date.parse(row.created_at) > LEGACY_FLASH_TTL_MS) return undefined;
  const expected = Buffer.from(row.key_hash);
  const given = Buffer.from(createHash('sha256').update(key).digest('base64url'));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const parsed = failureSchema.safeParse(JSON.parse(row.payload));
  return parsed.success ? parsed.data : undefined;
}
