import 'server-only';
import type { CallbacksOptions, EventCallbacks } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { env } from '../env';
import { endEditorSessions, getEditor, type Editor } from './editors';
import type { SessionUser } from './permissions';
import { sessionStoreCall } from './session-outage';
import { sessionStands } from './session-standing';

/** An editor as authorize() hands it to next-auth: the session generation it signs in under goes into the token. */
export type SigningInEditor = SessionUser & { sessionGeneration: number };

/**
 * Thrown by the jwt callback for a token whose session has ended. next-auth 4 has no other way to refuse
 * a token there (core/routes/session.js): it catches the error, answers `{}`, deletes the cookie instead
 * of renewing it, and getServerSession() returns null. The logger (lib/auth/options.ts) knows this one.
 */
export class SessionEnded extends Error {
  constructor() {
    super('the editor session has ended');
    this.name = 'SessionEnded';
  }
}

const sessionHours = () => env().EDITOR_SESSION_HOURS;

/** The account behind a token, or undefined; a store outage is noted for withSessionOutages and rethrown. */
const accountOf = (token: JWT): Promise<Editor | undefined> =>
  typeof token.sub === 'string' && token.sub !== '' ? sessionStoreCall(() => getEditor(token.sub!)) : Promise.resolve(undefined);

/**
 * next-auth's jwt callback. At sign-in it writes the claims; on every later read (each /api/auth/session
 * and each getServerSession) it checks the account — one indexed lookup — so a token whose session was
 * ended, whose account was removed or whose sign-in is too old is never renewed and never names anyone.
 */
export const jwtCallback: CallbacksOptions['jwt'] = async ({ token, user }) => {
  if (user) {
    const editor = user as unknown as SigningInEditor;
    token.sub = editor.id;
    token.email = editor.email;
    token.name = editor.name;
    token.role = 'editor';
    // next-auth rewrites `iat` whenever it re-issues the cookie; the sign-in time must survive that.
    token.authAt = Math.floor(Date.now() / 1000);
    token.sessionGeneration = editor.sessionGeneration;
    return token;
  }
  const account = await accountOf(token);
  if (!account || !sessionStands(token, account, Date.now(), sessionHours())) throw new SessionEnded();
  // The account's current name and email, not the ones it had at sign-in.
  token.email = account.email;
  token.name = account.name;
  return token;
};

/** next-auth's session callback: what /api/auth/session and getServerSession() show, from a token the jwt callback let through. */
export const sessionCallback: CallbacksOptions['session'] = ({ session, token }) => {
  session.user = { id: token.sub ?? '', email: token.email ?? '', name: token.name ?? '', role: token.role === 'editor' ? 'editor' : undefined } as typeof session.user;
  return session;
};

/**
 * Signing out ends every session of that editor, not only this browser's copy of the token — but only a
 * session that still stands may do it: a copied cookie that is already dead cannot sign the editor out again.
 */
export const signOutEvent: EventCallbacks['signOut'] = async (message) => {
  const token = 'token' in message ? message.token : null;
  if (!token) return;
  const account = await accountOf(token);
  if (account && sessionStands(token, account, Date.now(), sessionHours())) await sessionStoreCall(() => endEditorSessions(account.id));
};
