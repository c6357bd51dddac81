import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusal } from '../testing/refusal';

let editors: typeof import('./editors');
let db: typeof import('../db');
let password: typeof import('./password');

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-editors-'));
  delete process.env.DATABASE_URL;
  editors = await import('./editors');
  db = await import('../db');
  password = await import('./password');
});

afterAll(() => db.closeDatabase());

beforeEach(async () => {
  const { db: k } = await db.getDatabase();
  await k.deleteFrom('editors').execute();
  await k.deleteFrom('setup_tokens').execute();
});


const account = { email: 'Desk@Example.com', name: 'Desk Editor', password: 'a long enough password' };

describe('editor accounts', () => {
  it('are created with a lower-cased email and a scrypt hash, never the password', async () => {
    const editor = await editors.addEditor(account);
    expect(editor).toMatchObject({ email: 'desk@example.com', name: 'Desk Editor' });
    const row = await editors.findEditorForSignIn('DESK@example.com');
    expect(row!.password_hash).toMatch(/^scrypt\$/);
    expect(row!.password_hash).not.toContain(account.password);
    expect(await password.verifyPassword(account.password, row!.password_hash)).toBe(true);
  });

  it('refuse a second account with the same email', async () => {
    await editors.addEditor(account);
    expect((await refusal(editors.addEditor({ ...account, email: 'desk@EXAMPLE.com' }))).status).toBe(409);
    expect(await editors.countEditors()).toBe(1);
  });

  it('refuse a short password and a bad email, naming the fields', async () => {
    const error = await refusal(editors.addEditor({ email: 'nope', name: '', password: 'short' }));
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'name', 'password']);
    expect(await editors.countEditors()).toBe(0);
  });

  it('can be listed, have their password reset, and be removed', async () => {
    await editors.addEditor(account);
    await editors.resetEditorPassword('desk@example.com', 'a brand new password');
    const row = await editors.findEditorForSignIn('desk@example.com');
    expect(await password.verifyPassword('a brand new password', row!.password_hash)).toBe(true);
    expect((await editors.listEditors()).map((e) => e.email)).toEqual(['desk@example.com']);
    await editors.removeEditor('desk@example.com');
    expect(await editors.countEditors()).toBe(0);
    expect((await refusal(editors.removeEditor('desk@example.com'))).status).toBe(404);
  });
});

describe('first-editor setup link', () => {
  it('creates the first editor once', async () => {
    const token = await editors.createSetupToken();
    await editors.createFirstEditor(token, account);
    expect(await editors.countEditors()).toBe(1);
    expect((await refusal(editors.createFirstEditor(token, { ...account, email: 'second@example.com' }))).status).toBe(403);
    expect(await editors.countEditors()).toBe(1);
  });

  it('expires after an hour', async () => {
    const issued = new Date('2026-01-01T10:00:00Z');
    const token = await editors.createSetupToken(issued);
    const late = new Date(issued.getTime() + 3_600_001);
    expect((await refusal(editors.createFirstEditor(token, account, late))).status).toBe(403);
    expect(await editors.countEditors()).toBe(0);
  });

  it('does nothing once an editor exists, even with a fresh token', async () => {
    await editors.addEditor(account);
    const token = await editors.createSetupToken();
    expect((await refusal(editors.createFirstEditor(token, { ...account, email: 'other@example.com' }))).status).toBe(403);
  });

  it('refuses a made-up token', async () => {
    expect((await refusal(editors.createFirstEditor('made-up', account))).status).toBe(403);
  });
});
