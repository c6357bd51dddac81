import { describe, expect, it } from 'vitest';
import { expiredFormAsSignInError, refuseUnusedAuthEndpoint } from './auth-request';

describe('refuseUnusedAuthEndpoint', () => {
  it('answers next-auth’s client logger with 404 in the error shape, whatever the method', async () => {
    for (const method of ['POST', 'GET']) {
      const response = refuseUnusedAuthEndpoint(method, ['_log'])!;
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'There is nothing here.' } });
    }
  });

  it('answers any method but POST on the credentials callback with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'HEAD']) {
      const response = refuseUnusedAuthEndpoint(method, ['callback', 'credentials'])!;
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    }
  });

  it('leaves every endpoint the site uses to next-auth', () => {
    for (const [method, segments] of [
      ['POST', ['callback', 'credentials']],
      ['GET', ['csrf']],
      ['GET', ['session']],
      ['POST', ['signout']],
      ['GET', ['providers']],
    ] as const) {
      expect(refuseUnusedAuthEndpoint(method, segments), `${method} ${segments.join('/')}`).toBeNull();
    }
  });
});

describe('expiredFormAsSignInError', () => {
  const redirect = (location: string, status = 302) => new Response(null, { status, headers: { location } });

  it('sends a form refused for its CSRF token to the sign-in page with ?error=FormExpired', () => {
    const answer = expiredFormAsSignInError(redirect('http://site.example/api/auth/signin?csrf=true'));
    expect([answer.status, answer.headers.get('location')]).toEqual([302, '/editor/login?error=FormExpired']);
  });

  it('leaves every other answer as it is', () => {
    for (const location of ['http://site.example/api/auth/error?error=CredentialsSignin', 'http://site.example/editor', 'http://site.example/api/auth/signin']) {
      expect(expiredFormAsSignInError(redirect(location)).headers.get('location'), location).toBe(location);
    }
    const json = Response.json({ url: 'http://site.example/api/auth/signin?csrf=true' });
    expect(expiredFormAsSignInError(json)).toBe(json);
  });
});

