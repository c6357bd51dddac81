import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppError } from '../errors';
import { getCommentStore } from './store';

const FLASH_TTL_MS = 60 * 60_000;

/** What a reader typed, and what was wrong with it, to show back on the form without JavaScript. */
export interface FormFailure {
  values: { name?: string; email?: string; url?: string; body?: string; parentId?: string; remember?: boolean };
  message: string;
  fields: Record<string, string>;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');
const pick = (raw: Record<string, unknown>, name: string) => (typeof raw[name] === 'string' ? (raw[name] as string).slice(0, 6000) : undefined);

/** Keeps a failed form submission for an hour; the reader's browser gets the key in a cookie, the id in the URL. */
export async function saveFormFailure(article: string, raw: Record<string, unknown>, error: AppError): Promise<{ id: string; key: string }> {
  const id = randomBytes(12).toString('base64url');
  const key = randomBytes(18).toString('base64url');
  const failure: FormFailure = {
    values: {
      name: pick(raw, 'name'),
      email: pick(raw, 'email'),
      url: pick(raw, 'url'),
      body: pick(raw, 'body'),
      parentId: pick(raw, 'parentId'),
      remember: raw.remember !== undefined && raw.remember !== '',
    },
    message: error.message,
    fields: error.fields ?? {},
  };
  const store = await getCommentStore();
  const now = Date.now();
  await store.saveFlash(
    { id, key_hash: hashKey(key), article, payload: JSON.stringify(failure), created_at: new Date(now).toISOString() },
    new Date(now - FLASH_TTL_MS).toISOString(),
  );
  return { id, key };
}

/** The failed submission for this id, only to the browser holding its key, only within the hour. */
export async function readFormFailure(id: string, key: string | undefined, article: string): Promise<FormFailure | undefined> {
  if (!key || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) return undefined;
  const row = await (await getCommentStore()).getFlash(id);
  if (!row || row.article !== article || Date.now() - Date.parse(row.created_at) > FLASH_TTL_MS) return undefined;
  const expected = Buffer.from(row.key_hash);
  const given = Buffer.from(hashKey(key));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return JSON.parse(row.payload) as FormFailure;
}

export const FLASH_COOKIE = 'es_comment_form';
