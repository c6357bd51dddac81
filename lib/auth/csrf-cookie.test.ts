import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csrfTokenFromCookie, newCsrfCookie } from './csrf-cookie';

// next-auth's own CSRF check (not exported by the package): what our cookie must satisfy.
const require = createRequire(import.meta.url);
const { createCSRFToken } = require(path.resolve('node_modules/next-auth/core/lib/csrf-token.js')) as {
  createCSRFToken(args: { options: { secret: string }; cookieValue?: string; isPost: boolean; bodyValue?: string }): { csrfToken: string; csrfTokenVerified?: boolean; cookie?: string };
};

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

describe('the CSRF cookie', () => {
  it('mints a cookie next-auth accepts with the token posted beside it', () => {
    const { token, value } = newCsrfCookie(SECRET);
    expect(createCSRFToken({ options: { secret: SECRET }, cookieValue: value, isPost: true, bodyValue: token })).toEqual({ csrfToken: token, csrfTokenVerified: true });
  });

  it('reads the token from a cookie next-auth minted', () => {
    const minted = createCSRFToken({ options: { secret: SECRET }, isPost: false });
    expect(csrfTokenFromCookie(minted.cookie, SECRET)).toBe(minted.csrfToken);
    expect(csrfTokenFromCookie(encodeURIComponent(minted.cookie!), SECRET), 'percent-encoded').toBe(minted.csrfToken);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without a hash', 'abc'],
    ['with a hash under another secret', newCsrfCookie('another-secret-of-at-least-thirty-two-chars').value],
    ['with a forged token', `${'0'.repeat(64)}|${newCsrfCookie(SECRET).value.split('|')[1]}`],
    ['with a third part', `${newCsrfCookie(SECRET).value}|x`],
    ['badly percent-encoded', '%E0%A4%A'],
  ])('refuses a cookie that is %s', (_case, value) => {
    expect(csrfTokenFromCookie(value, SECRET)).toBeNull();
  });
});
