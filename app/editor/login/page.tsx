import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '../_components/login-form';
import { SIGN_IN_FAILED, SIGN_IN_THROTTLED, SIGN_IN_UNAVAILABLE } from '@/lib/auth/options';
import { currentEditor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Editors: sign in', robots: { index: false, follow: false } };

interface Props {
  searchParams: Promise<{ error?: string | string[]; callbackUrl?: string | string[] }>;
}

/** Only paths on this site: a sign-in link must not be a way to send an editor elsewhere. */
const safeCallback = (value: unknown) => (typeof value === 'string' && /^\/(?!\/)[\w\-/?=&.%]*$/.test(value) ? value : '/editor');

/** The editors' sign-in page. */
export default async function LoginPage({ searchParams }: Props) {
  const query = await searchParams;
  const callbackUrl = safeCallback(query.callbackUrl);
  if (await currentEditor()) redirect(callbackUrl);
  // Only the site's own sentences are shown, never text from the address.
  const error = query.error ? ([SIGN_IN_THROTTLED, SIGN_IN_UNAVAILABLE].find((known) => known === query.error) ?? SIGN_IN_FAILED) : undefined;
  return (
    <div className="prose">
      <header className="page-header">
        <p className="eyebrow">Editors</p>
        <h1>Sign in</h1>
        <p>For Eurasian Star editors. Readers do not need an account to comment.</p>
      </header>
      <LoginForm callbackUrl={callbackUrl} initialError={error} />
    </div>
  );
}
