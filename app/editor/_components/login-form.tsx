'use client';

import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';

/** Email and password, checked by next-auth's credentials provider; one message for every failure. */
export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const result = await signIn('credentials', { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? ''), redirect: false, callbackUrl });
    setBusy(false);
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'The email address or password is not right.');
  }

  return (
    <form className="comment-form" onSubmit={onSubmit} aria-labelledby="login-heading">
      <h2 id="login-heading" className="sr-only">
        Sign in
      </h2>
      <div aria-live="polite">{error ? <p className="notice notice--error">{error}</p> : null}</div>
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input id="login-email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <p>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </p>
    </form>
  );
}
