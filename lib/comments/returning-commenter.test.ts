import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let rc: typeof import('./returning-commenter');

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-commenter-'));
  rc = await import('./returning-commenter');
});

const requestWith = (cookie: string) => new Request('http://site.example/api/comments', { method: 'POST', headers: { cookie } });

describe('the returning-commenter cookie', () => {
  it('gives back the key it was made for', () => {
    const key = rc.newCommenterKey();
    expect(rc.commenterKeyFromCookie(rc.commenterCookieValue(key))).toBe(key);
  });

  it('is read from a request among other cookies', () => {
    const key = rc.newCommenterKey();
    expect(rc.commenterKeyFromRequest(requestWith(`a=1; ${rc.COMMENTER_COOKIE}=${rc.commenterCookieValue(key)}; b=2`))).toBe(key);
    expect(rc.commenterKeyFromRequest(requestWith('a=1'))).toBeNull();
  });

  it.each([
    ['a key without a signature', () => rc.newCommenterKey()],
    ['another key under a genuine signature', () => `${rc.newCommenterKey()}.${rc.commenterCookieValue(rc.newCommenterKey()).split('.')[1]}`],
    ['a signature one character off', () => rc.commenterCookieValue(rc.newCommenterKey()).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    ['a malformed key', () => `not-a-key.${'x'.repeat(43)}`],
    ['an empty value', () => ''],
  ])('refuses %s', (_case, make) => {
    expect(rc.commenterKeyFromCookie(make())).toBeNull();
  });

  it('is HttpOnly, SameSite=Lax, sent only to /api/comments, kept 400 days, Secure over https', () => {
    const line = rc.commenterCookie(rc.newCommenterKey(), true);
    expect(line).toMatch(/^es_commenter=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; Path=\/api\/comments; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure$/);
    expect(rc.commenterCookie(rc.newCommenterKey(), false)).not.toContain('Secure');
  });

  it('is stored only as a hash that is not the key', () => {
    const key = rc.newCommenterKey();
    expect(rc.commenterHash(key)).not.toContain(key);
    expect(rc.commenterHash(key)).toBe(rc.commenterHash(key));
  });
});
