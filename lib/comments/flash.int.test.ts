import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';

let flash: typeof import('./flash');
let db: typeof import('../db');

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ARTICLE = 'open-story';
const refusal = new AppError('invalid_input', { fields: { email: 'Please enter a valid email address, like name@example.com.' } });
const russian = fs
  .readFileSync(path.join(import.meta.dirname, '../../content/articles/voda-syrdari-kazakhstan-kyrgyzstan-uzbekistan.md'), 'utf8')
  .split('---')[2]!
  .replace(/\s+/g, ' ')
  .trim();
const typed = (body: string) => ({ article: ARTICLE, name: 'Айгерим', email: 'aigerim@', url: 'https://example.kz', body, remember: 'on' });

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-flash-'));
  delete process.env.DATABASE_URL;
  flash = await import('./flash');
  db = await import('../db');
});

afterAll(() => db.closeDatabase());

/** What the respond page shows for the form `id`, given the Set-Cookie line the refusal was answered with. */
function shownFor(setCookie: string, id: string, article = ARTICLE, now = NOW) {
  const value = setCookie.slice(`${flash.FLASH_COOKIE}=`.length).split(';')[0];
  return flash.readFormFailure(id, value, article, now);
}

describe('the form-failure cookie', () => {
  it('brings back an ordinary mistake whole: 3,000 characters of Russian prose, the other fields and the errors', async () => {
    const body = russian.slice(0, 3000);
    const cookie = flash.formFailureCookie(ARTICLE, 'f1', flash.formFailure(typed(body), refusal), false, NOW);
    expect(Buffer.byteLength(cookie)).toBeLessThanOrEqual(flash.COOKIE_LIMIT_BYTES);
    expect(await shownFor(cookie, 'f1')).toEqual({
      values: { name: 'Айгерим', email: 'aigerim@', url: 'https://example.kz', body, remember: true },
      message: 'Some fields need attention.',
      fields: refusal.fields,
    });
  });

  it('is HttpOnly, SameSite=Lax, scoped to the article’s respond page and gone in 10 minutes; Secure over https', () => {
    const cookie = flash.formFailureCookie(ARTICLE, 'f1', flash.formFailure(typed('Hello'), refusal), true, NOW);
    expect(cookie).toMatch(/; Path=\/articles\/open-story\/respond; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    expect(flash.clearFormFailureCookie(ARTICLE, false)).toBe(`${flash.FLASH_COOKIE}=; Path=/articles/open-story/respond; Max-Age=0; HttpOnly; SameSite=Lax`);
  });

  it('leaves the comment out when it does not fit in 4 KB, keeping the other fields and the errors, and says so', async () => {
    const noise = randomBytes(4000).toString('base64').slice(0, 4990);
    const cookie = flash.formFailureCookie(ARTICLE, 'f1', flash.formFailure(typed(noise), refusal), false, NOW);
    expect(Buffer.byteLength(cookie)).toBeLessThanOrEqual(flash.COOKIE_LIMIT_BYTES);
    const shown = await shownFor(cookie, 'f1');
    expect(shown).toMatchObject({ values: { name: 'Айгерим', email: 'aigerim@' }, fields: refusal.fields, lost: true });
    expect(shown?.values.body).toBeUndefined();
  });

  it('keeps no value longer than any form of ours can send, and stays under 4 KB for 30 KB of random fields', async () => {
    const random = (n: number) => Array.from(randomBytes(n), (byte) => String.fromCharCode(0x400 + byte)).join('');
    const raw = { article: ARTICLE, name: random(6000), email: random(6000), url: random(6000), body: random(6000), parentId: random(6000) };
    const cookie = flash.formFailureCookie(ARTICLE, 'f1', flash.formFailure(raw, refusal), false, NOW);
    expect(Buffer.byteLength(cookie)).toBeLessThanOrEqual(flash.COOKIE_LIMIT_BYTES);
    expect(await shownFor(cookie, 'f1')).toEqual({ values: { remember: false }, message: 'Some fields need attention.', fields: refusal.fields, lost: true });
  });

  it('shows nothing for another form id, another article, after 10 minutes, or without the cookie', async () => {
    const cookie = flash.formFailureCookie(ARTICLE, 'f1', flash.formFailure(typed('Hello'), refusal), false, NOW);
    expect(await shownFor(cookie, 'f2')).toBeUndefined();
    expect(await shownFor(cookie, 'f1', 'other-story')).toBeUndefined();
    expect(await shownFor(cookie, 'f1', ARTICLE, NOW + flash.FLASH_TTL_MS + 1)).toBeUndefined();
    expect(await flash.readFormFailure('f1', undefined, ARTICLE, NOW)).toBeUndefined();
  });

  it('writes nothing to the database', async () => {
    const handle = await db.getDatabase();
    flash.formFailureCookie(ARTICLE, 'f1', flash.formFailure(typed(russian), refusal), false, NOW);
    expect(await handle.db.selectFrom('comment_flash').selectAll().execute()).toEqual([]);
  });
});

describe('failures stored in the database before the upgrade', () => {
  const key = 'legacy-key-0123456789ab';
  const legacyRow = (id: string, createdAt: number) => ({
    id,
    key_hash: createHash('sha256').update(key).digest('base64url'),
    article: ARTICLE,
    payload: JSON.stringify({ values: { body: 'Written before the upgrade', remember: false }, message: 'Some fields need attention.', fields: {} }),
    created_at: new Date(createdAt).toISOString(),
  });

  it('are still shown, for their hour, to the browser holding their key', async () => {
    const handle = await db.getDatabase();
    await handle.db.insertInto('comment_flash').values(legacyRow('legacy1', NOW - 60_000)).execute();
    expect((await flash.readFormFailure('legacy1', key, ARTICLE, NOW))?.values.body).toBe('Written before the upgrade');
    expect(await flash.readFormFailure('legacy1', 'another-key-0123456789a', ARTICLE, NOW)).toBeUndefined();
    expect(await flash.readFormFailure('legacy1', key, ARTICLE, NOW + flash.LEGACY_FLASH_TTL_MS)).toBeUndefined();
  });

  it('are purged by housekeeping once their hour is over, and not before', async () => {
    const handle = await db.getDatabase();
    await handle.db.insertInto('comment_flash').values([legacyRow('old', NOW - 2 * flash.LEGACY_FLASH_TTL_MS), legacyRow('recent', NOW)]).execute();
    await flash.forgetExpiredFormFailures(new Date(NOW));
    const left = (await handle.db.selectFrom('comment_flash').select('id').execute()).map((r) => r.id);
    expect(left).not.toContain('old');
    expect(left).toContain('recent');
  });
});
