import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let options: typeof import('./options');
let editors: typeof import('./editors');
let db: typeof import('../db');

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-authorize-'));
  delete process.env.DATABASE_URL;
  options = await import('./options');
  editors = await import('./editors');
  db = await import('../db');
});

afterAll(() => db.closeDatabase());

beforeEach(async () => {
  const { db: k } = await db.getDatabase();
  await k.deleteFrom('editors').execute();
  await k.deleteFrom('auth_throttle').execute();
  await editors.addEditor({ email: 'ed@example.com', name: 'Ed', password: 'the right password' });
});

const attempt = (email: string, password: string, ip = '198.51.100.1') => options.authorizeEditor({ email, password }, ip);

describe('authorizeEditor', () => {
  it('signs in with the right password, case-insensitively on the email', async () => {
    expect(await attempt('ED@example.com', 'the right password')).toMatchObject({ email: 'ed@example.com', name: 'Ed', role: 'editor' });
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    expect(await attempt('ed@example.com', 'the wrong password')).toBeNull();
    expect(await attempt('nobody@example.com', 'the right password')).toBeNull();
  });

  it('locks an account after 5 failures, even for the right password, and says so', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt('ed@example.com', `wrong ${i}`)).toBeNull();
    await expect(attempt('ed@example.com', 'the right password')).rejects.toThrow(options.SIGN_IN_THROTTLED);
  });

  it('locks an unknown account the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < 5; i++) await attempt('ghost@example.com', `wrong ${i}`);
    await expect(attempt('ghost@example.com', 'anything at all')).rejects.toThrow(options.SIGN_IN_THROTTLED);
  });

  it('caps one IP address at 20 attempts in 15 minutes across accounts', async () => {
    for (let i = 0; i < 20; i++) await attempt(`user${i}@example.com`, 'wrong password', '203.0.113.9');
    await expect(attempt('ed@example.com', 'the right password', '203.0.113.9')).rejects.toThrow(options.SIGN_IN_THROTTLED);
    expect(await attempt('ed@example.com', 'the right password', '203.0.113.10')).not.toBeNull();
    // 22 scrypt checks: well over vitest's 5 s default on a busy two-core machine.
  }, 30_000);
});

describe('throttling under concurrency', () => {
  it('counts every one of many simultaneous failures, so the lock is not delayed', async () => {
    await Promise.all(Array.from({ length: 5 }, (_, i) => attempt('ed@example.com', `wrong ${i}`, `198.51.100.${50 + i}`)));
    await expect(attempt('ed@example.com', 'the right password', '198.51.100.60')).rejects.toThrow(options.SIGN_IN_THROTTLED);
  });
});

describe('sameSiteRedirect', () => {
  const base = 'http://site.example';
  it('keeps paths and addresses on the site', () => {
    expect(options.sameSiteRedirect('/editor', base)).toBe('http://site.example/editor');
    expect(options.sameSiteRedirect('http://site.example/editor?status=spam', base)).toBe('http://site.example/editor?status=spam');
  });

  it('sends anything else, including text that is no URL at all, to the site root instead of throwing', () => {
    for (const url of ['https://evil.example/', 'javascript:alert(1)', '\u{10FFFF}\u{1F600}', '', 'http://site.example.evil.example/']) {
      expect(options.sameSiteRedirect(url, base), url).toBe(base);
    }
  });
});
