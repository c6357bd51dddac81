/**
 * Email and password, posted as a plain form straight to next-auth's credentials callback with the CSRF
 * token the page read from next-auth's cookie: it works the same with JavaScript on or off. next-auth
 * answers with a redirect: to the callback URL when signed in, back to the sign-in page with ?error=… otherwise.
 */
export function LoginForm({ callbackUrl, csrfToken, error }: { callbackUrl: string; csrfToken: string; error?: string }) {
  return (
    <form className="comment-form" method="post" action="/api/auth/callback/credentials" aria-labelledby="login-heading">
      <h2 id="login-heading" className="sr-only">
        Sign in
      </h2>
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
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
        <button type="submit" className="button">
          Sign in
        </button>
      </p>
    </form>
  );
}
