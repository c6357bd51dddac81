import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { LoginForm } from '../_components/login-form';
import { FORM_EXPIRED } from '@/lib/auth/auth-request';
import { SIGN_IN_FAILED, SIGN_IN_FORM_EXPIRED, SIGN_IN_THROTTLED, SIGN_IN_UNAVAILABLE } from '@/lib/auth/options';
import { csrfCookieName, csrfTokenFromCookie } from '@/lib/auth/csrf-cookie';
import { currentEditor } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Editors: sign in', robots: { index: false, follow: false } };

interface Props {
  searchParams: Promise<{ error?: string | string[]; callbackUrl?: string | string[] }>;
}

const SAFE_PATH = /^\/(?!\/)[\w\-/?=&.%]*$/;

/**
 * Only paths on this site: a sign-in link must not be a way to send an editor elsewhere. next-auth sends
 * a refused sign-in back here with the callback it was given as an absolute address on this site: its path.
 */
function safeCallback(value: unknown): string {
  if (typeof value !== 'string') return '/editor';
  if (SAFE_PATH.test(value)) return value;
  if (!URL.canParse(value)) return '/editor';
  const url = new URL(value);
  const path = `${url.pathname}${url.search}`;
  return url.origin === new URL(env().SITE_URL).origin && SAFE_PATH.test(path) ? path : '/editor';
}

/** The editors' sign-in page. */
export default async function LoginPage({ searchParams }: Props) {
  const query = await searchParams;
  const callbackUrl = safeCallback(query.callbackUrl);
  if (await currentEditor()) redirect(callbackUrl);
  // Only the site's own sentences are shown, never text from the address.
  const error = query.error
    ? query.error === FORM_EXPIRED
      ? SIGN_IN_FORM_EXPIRED
      : ([SIGN_IN_THROTTLED, SIGN_IN_UNAVAILABLE].find((known) => known === query.error) ?? SIGN_IN_FAILED)
    : undefined;
  // proxy.ts gives every visitor of this page a valid CSRF cookie before it renders.
  const csrfToken = csrfTokenFromCookie((await cookies()).get(csrfCookieName())?.value);
  if (!csrfToken) throw new Error('the sign-in page was rendered without a CSRF cookie (proxy.ts sets one)');
  return (
    <div className="prose">
      <header className="page-header">
        <p className="eyebrow">Editors</p>
        <h1>Sign in</h1>
        <p>For Eurasian Star editors. Readers do not need an account to comment.</p>
      </header>
      <LoginForm callbackUrl={callbackUrl} csrfToken={csrfToken} error={error} />
    </div>
  );
}
