import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JWT } from 'next-auth/jwt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

let options: typeof import('./options');
let tokens: typeof import('./session-token');
let editors: typeof import('./editors');
let outage: typeof import('./session-outage');
let db: typeof import('../db');

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-session-token-'));
  delete process.env.DATABASE_URL;
  options = await import('./options');
  tokens = await import('./session-token');
  editors = await import('./editors');
  outage = await import('./session-outage');
  db = await import('../db');
});
afterAll(() => db.closeDatabase());

const account = { email: 'ed@example.com', name: 'Ed', password: 'the right password' };

beforeEach(async () => {
  const { db: k } = await db.getDatabase();
  await k.deleteFrom('editors').execute();
  await k.deleteFrom('auth_throttle').execute();
  await editors.addEditor(account);
  // One frozen instant: sign-in, sign-out and every check happen in the same millisecond.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-12-03T10:00:00.400Z') });
});
afterEach(() => vi.useRealTimers());

/** Signs in as next-auth does: authorize(), then the jwt callback with the user. */
async function signIn(): Promise<JWT> {
  const user = await options.authorizeEditor({ email: account.email, password: account.password }, '198.51.100.1');
  expect(user).not.toBeNull();
  return (await tokens.jwtCallback({ token: {}, user: user as never, account: null })) as JWT;
}
/** The jwt callback as /api/auth/session and getServerSession() run it on a stored token. */
const read = (token: JWT) => tokens.jwtCallback({ token: { ...token }, user: undefined as never, account: null });

describe('the jwt callback on an existing token', () => {
  it('lets a live session through, with the account’s current name', async () => {
    const token = await signIn();
    const { db: k } = await db.getDatabase();
    await k.updateTable('editors').set({ name: 'Ed Renamed' }).where('email', '=', account.email).execute();
    expect(await read(token)).toMatchObject({ sub: token.sub, email: account.email, name: 'Ed Renamed', role: 'editor' });
  });

  it('refuses a session ended by a sign-out in the same millisecond as its sign-in', async () => {
    const token = await signIn();
    await tokens.signOutEvent!({ token, session: undefined as never });
    await expect(read(token)).rejects.toBeInstanceOf(tokens.SessionEnded);
  });

  it('lets a sign-in right after the sign-out through, in the same millisecond', async () => {
    const before = await signIn();
    await tokens.signOutEvent!({ token: before, session: undefined as never });
    expect(await read(await signIn())).toMatchObject({ email: account.email });
  });

  it('refuses a session of a removed account', async () => {
    const token = await signIn();
    await editors.removeEditor(account.email);
    await expect(read(token)).rejects.toBeInstanceOf(tokens.SessionEnded);
  });

  it('refuses a session from before a password change', async () => {
    const token = await signIn();
    await editors.resetEditorPassword(account.email, 'another long password');
    await expect(read(token)).rejects.toBeInstanceOf(tokens.SessionEnded);
  });
});

describe('signing out', () => {
  it('stores the instant to the millisecond and the next session generation', async () => {
    const token = await signIn();
    await tokens.signOutEvent!({ token, session: undefined as never });
    const editor = (await editors.listEditors())[0]!;
    expect(editor.sessionsEndedAt).toBe(Date.parse('2026-12-03T10:00:00.400Z'));
    expect(editor.sessionGeneration).toBe(1);
  });

  it('with a session that already ended changes nothing: a copied cookie cannot sign the editor out again', async () => {
    const stolen = await signIn();
    await tokens.signOutEvent!({ token: stolen, session: undefined as never });
    const live = await signIn();
    await tokens.signOutEvent!({ token: stolen, session: undefined as never });
    expect((await editors.listEditors())[0]!.sessionGeneration).toBe(1);
    expect(await read(live)).toMatchObject({ email: account.email });
  });
});

describe('a store outage during a session check', () => {
  it('surfaces as the store’s error after next-auth swallowed it, not as "no session"', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    // next-auth catches whatever the callback throws and answers {}: the outage must still come out.
    const swallowed = () => outage.sessionStoreCall(() => Promise.reject(busy)).catch(() => ({}));
    await expect(outage.withSessionOutages(swallowed)).rejects.toBe(busy);
  });

  it('is not confused with a session that ended', async () => {
    const ended = () => Promise.reject(new tokens.SessionEnded()).catch(() => ({}));
    await expect(outage.withSessionOutages(ended)).resolves.toEqual({});
  });
});
