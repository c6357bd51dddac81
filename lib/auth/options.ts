import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { clientIp, hashIp } from '../http/client-address';
import { env } from '../env';
import { isUnavailable } from '../http/errors';
import { nextAuthSecret } from './csrf-cookie';
import { findEditorForSignIn } from './editors';
import { decoyHash, verifyPassword } from './password';
import { jwtCallback, SessionEnded, sessionCallback, signOutEvent, type SigningInEditor } from './session-token';
import { admitSignInAttempt, recordSignInResult } from './throttle';
import { log } from '../log';

/** The message for every failed sign-in, whatever the reason, so it reveals nothing about accounts. */
export const SIGN_IN_FAILED = 'The email address or password is not right.';
export const SIGN_IN_THROTTLED = 'Too many attempts. Wait a while and try again.';
/** When the form's CSRF token no longer matches the browser's cookie (lib/auth/auth-request.ts, expiredFormAsSignInError). */
export const SIGN_IN_FORM_EXPIRED = 'The sign-in form had expired. Please enter your email and password again.';
/** When the sign-in counters cannot be reached: no attempt is checked without them (the route answers 503). */
export const SIGN_IN_UNAVAILABLE = 'Signing in is briefly unavailable. Please try again in a moment.';

const credentialsSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(200) });

/** Checks an email and password; null for any failure, after the same scrypt work either way. */
export async function authorizeEditor(raw: unknown, forwardedFor: string | null): Promise<SigningInEditor | null> {
  const parsed = credentialsSchema.safeParse(raw);
  const email = parsed.success ? parsed.data.email.toLowerCase() : '';
  const password = parsed.success ? parsed.data.password : '';
  const ip = clientIp(forwardedFor, env().TRUST_PROXY);
  const admitted = await throttled(() => admitSignInAttempt(email, ip ? hashIp(ip) : null));
  if (!admitted.allowed) throw new Error(SIGN_IN_THROTTLED);
  const editor = email ? await findEditorForSignIn(email) : undefined;
  const ok = await verifyPassword(password, editor?.password_hash ?? (await decoyHash()));
  await throttled(() => recordSignInResult(email, ok && editor !== undefined));
  if (!ok || !editor) return null;
  return { id: editor.id, email: editor.email, name: editor.name, role: 'editor', sessionGeneration: Number(editor.session_generation) };
}

/**
 * A call to the sign-in counters. When their store (Redis or the database) cannot be reached, the attempt
 * fails closed with SIGN_IN_UNAVAILABLE: checking passwords without counting them would allow unlimited guessing.
 */
async function throttled<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    log.warn('sign-in refused: the sign-in counters are unavailable', { reason: (error as { code?: string }).code ?? (error as Error).message });
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
}

/** Where to send an editor after signing in or out: a path or an address on this site, else the site's root. */
export function sameSiteRedirect(url: string, baseUrl: string): string {
  if (url.startsWith('/')) return `${baseUrl}${url}`;
  try {
    if (new URL(url).origin === new URL(baseUrl).origin) return url;
  } catch {
    // Not a URL at all.
  }
  return baseUrl;
}

const sessionHours = () => env().EDITOR_SESSION_HOURS;

let options: NextAuthOptions | undefined;

/** next-auth's configuration: credentials against the editors table, 8-hour JWT sessions signed with a key derived from the site secret. */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  process.env.NEXTAUTH_URL ??= env().SITE_URL;
  options = {
    secret: nextAuthSecret(),
    session: { strategy: 'jwt', maxAge: sessionHours() * 3600 },
    jwt: { maxAge: sessionHours() * 3600 },
    pages: { signIn: '/editor/login', error: '/editor/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials, req) => {
          const header = req.headers?.['x-forwarded-for'];
          return authorizeEditor(credentials, typeof header === 'string' ? header : null);
        },
      }),
    ],
    callbacks: {
      // next-auth's default throws on a callbackUrl that is not a URL (a 500 for any client that sends one).
      redirect: ({ url, baseUrl }) => sameSiteRedirect(url, baseUrl),
      // Checks the account on every read: an ended session names no one and is never renewed (session-token.ts).
      jwt: jwtCallback,
      session: sessionCallback,
    },
    events: { signOut: signOutEvent },
    logger: {
      // A forged or stale cookie is routine on the public internet: one line, not a stack trace.
      error(code, metadata) {
        // A session that ended (signed out, removed, password changed) is an answer, not a fault.
        if (metadata instanceof SessionEnded) return log.info('editor session refused: it has ended', { code });
        const message = metadata instanceof Error ? metadata.message : ((metadata as { message?: string })?.message ?? '');
        log.warn('next-auth error', { code, ...(message ? { message } : {}) });
      },
      warn(code) {
        log.warn('next-auth warning', { code });
      },
      debug() {},
    },
  };
  return options;
}
