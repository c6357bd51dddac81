import { createHash, randomBytes } from 'node:crypto';
import { type UpdateObject, type ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import { getDatabase } from '../db';
import type { Database, EditorRow } from '../db/schema';
import { AppError } from '../errors';
import { hashPassword, passwordProblem } from './password';

export type { EditorRow } from '../db/schema';

/** An editor as the rest of the app sees one: never the password hash. */
export interface Editor {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  /** When the account's sessions were last ended (ms since the epoch, 0 = never). */
  sessionsEndedAt: number;
  /** The account's session generation: a session issued in an earlier one is void (lib/auth/session-standing.ts). */
  sessionGeneration: number;
}

const toEditor = (row: EditorRow): Editor => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at,
  sessionsEndedAt: row.sessions_valid_after ? Date.parse(row.sessions_valid_after) : 0,
  sessionGeneration: Number(row.session_generation),
});

/**
 * The columns that end every session of an account: the next generation (done by the database, so two
 * ends at once both count) and the instant, to the millisecond, for the record and for older tokens.
 */
const endingSessions = (now: Date) => (eb: ExpressionBuilder<Database, 'editors'>): UpdateObject<Database, 'editors'> => ({
  session_generation: eb('session_generation', '+', 1),
  sessions_valid_after: now.toISOString(),
});

/** Ends every session of an editor issued until now, this one included (sign-out everywhere). */
export async function endEditorSessions(id: string, now: Date = new Date()): Promise<void> {
  const { db } = await getDatabase();
  await db.updateTable('editors').set(endingSessions(now)).where('id', '=', id).execute();
}

const accountSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter a valid email address.' }).max(254, 'The email address can be at most 254 characters.')),
  name: z.string().trim().min(1, 'Enter a name.').max(80, 'The name can be at most 80 characters.'),
  password: z.string().superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

function parseAccount(input: unknown): z.output<typeof accountSchema> {
  const result = accountSchema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[String(issue.path[0])] ??= issue.message;
  throw new AppError('invalid_input', { fields });
}

/** Creates an editor account; 409 when the email is taken. */
export async function addEditor(input: { email: string; name: string; password: string }): Promise<Editor> {
  const account = parseAccount(input);
  const { db } = await getDatabase();
  const now = new Date().toISOString();
  const row: EditorRow = {
    id: randomBytes(9).toString('base64url'),
    email: account.email,
    name: account.name,
    password_hash: await hashPassword(account.password),
    created_at: now,
    updated_at: now,
    sessions_valid_after: null,
    session_generation: 0,
  };
  const existing = await db.selectFrom('editors').select('id').where('email', '=', account.email).executeTakeFirst();
  if (existing) throw new AppError('duplicate', { message: `An editor with the email ${account.email} already exists.` });
  await db.insertInto('editors').values(row).execute();
  return toEditor(row);
}

/** The account with this email, hash included, for sign-in only. */
export async function findEditorForSignIn(email: string): Promise<EditorRow | undefined> {
  const { db } = await getDatabase();
  return db.selectFrom('editors').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function getEditor(id: string): Promise<Editor | undefined> {
  const { db } = await getDatabase();
  const row = await db.selectFrom('editors').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEditor(row) : undefined;
}

export async function listEditors(): Promise<Editor[]> {
  const { db } = await getDatabase();
  return (await db.selectFrom('editors').selectAll().orderBy('created_at').execute()).map(toEditor);
}

export async function countEditors(): Promise<number> {
  const { db } = await getDatabase();
  const row = await db.selectFrom('editors').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Removes an account; 404 when there is none. */
export async function removeEditor(email: string): Promise<void> {
  const { db } = await getDatabase();
  const result = await db.deleteFrom('editors').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new AppError('not_found', { message: `There is no editor with the email ${email}.` });
}

/** Sets a new password and ends the account's existing sessions; 404 when there is no such account. */
export async function resetEditorPassword(email: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('invalid_input', { fields: { password: problem } });
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const { db } = await getDatabase();
  const result = await db
    .updateTable('editors')
    .set((eb) => ({ ...endingSessions(now)(eb), password_hash: passwordHash, updated_at: now.toISOString() }))
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', { message: `There is no editor with the email ${email}.` });
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A one-time link token for creating the first editor in the browser, valid for an hour. */
export async function createSetupToken(now: Date = new Date()): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const { db } = await getDatabase();
  await db.insertInto('setup_tokens').values({ token_hash: hashToken(token), expires_at: new Date(now.getTime() + 3_600_000).toISOString(), used_at: null }).execute();
  return token;
}

/** Creates the first editor with a setup token: only while there is no editor, only once, only within the hour. */
export async function createFirstEditor(token: string, input: { email: string; name: string; password: string }, now: Date = new Date()): Promise<Editor> {
  const account = parseAccount(input);
  const { db } = await getDatabase();
  const row = await db.selectFrom('setup_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.used_at || row.expires_at < now.toISOString()) {
    throw new AppError('forbidden', { message: 'This setup link is invalid, used or expired. Restart the server for a new one, or use npm run editor.' });
  }
  if ((await countEditors()) > 0) throw new AppError('forbidden', { message: 'An editor already exists: sign in instead.' });
  const editor = await addEditor(account);
  await db.updateTable('setup_tokens').set({ used_at: now.toISOString() }).where('token_hash', '=', row.token_hash).execute();
  return editor;
}
