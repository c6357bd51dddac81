/**
 * Editors sign in with JavaScript switched off (issue 20, part 7): the sign-in page is a plain form that
 * posts to next-auth's credentials callback with the CSRF token rendered into it, with the same messages,
 * the same lockout and the same refusal of a form posted without the token as with JavaScript.
 */
import { expect, test, type Page } from '@playwright/test';
import { unique } from './support/comments';
import {
  accountThrottle,
  closeEditorsDatabase,
  openLogin,
  createEditor,
  sessionCookie,
  sessionUser,
  SIGN_IN_FAILED,
  SIGN_IN_THROTTLED,
  type EditorAccount,
} from './support/editors';
import { BASE_URL } from './support/page-helpers';

test.use({ javaScriptEnabled: false });

let editor: EditorAccount;

test.beforeAll(async () => {
  editor = await createEditor('No-JS Editor');
});
test.afterAll(closeEditorsDatabase);

/** Fills the form and submits it: a full-page POST and the redirects that answer it. */
async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/api/auth/callback/credentials', { waitUntil: 'load' }), page.getByRole('button', { name: 'Sign in' }).click()]);
}

const formError = (page: Page) => page.locator('main .notice--error');

test('the sign-in page is a plain POST form to next-auth with a CSRF token that matches its cookie', async ({ page }) => {
  await openLogin(page, { scripts: false });
  const form = page.locator('form', { has: page.getByLabel('Password') });
  await expect(form).toHaveAttribute('method', 'post');
  await expect(form).toHaveAttribute('action', '/api/auth/callback/credentials');
  const token = await form.locator('input[name="csrfToken"]').getAttribute('value');
  expect(token).toMatch(/^[0-9a-f]{64}$/);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'next-auth.csrf-token');
  expect(cookie, 'the page set next-auth’s CSRF cookie').toBeDefined();
  expect(decodeURIComponent(cookie!.value).split('|')[0]).toBe(token);
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');

  // A second visit keeps the cookie and renders the same token.
  await openLogin(page, { scripts: false });
  await expect(form.locator('input[name="csrfToken"]')).toHaveAttribute('value', token!);
});

test('signing in without JavaScript lands on the desk with a session', async ({ page }) => {
  await openLogin(page, { path: '/editor/login?callbackUrl=/editor', scripts: false });
  await submitLogin(page, editor.email, editor.password);
  await expect(page).toHaveURL(`${BASE_URL}/editor`);
  await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
  await expect(page.locator('main')).toContainText(`Signed in as ${editor.name} (${editor.email})`);
  const cookie = await sessionCookie(page.context());
  expect(cookie?.httpOnly, 'an HttpOnly session cookie').toBe(true);
});

test('a wrong password and an unknown account get the same message without JavaScript, and no session', async ({ page }) => {
  await openLogin(page, { scripts: false });
  await submitLogin(page, editor.email, `${editor.password}-wrong`);
  await expect(page).toHaveURL(/\/editor\/login\?/);
  await expect(formError(page)).toHaveText(SIGN_IN_FAILED);

  await submitLogin(page, `nobody-${unique('ghost')}@editors.example`, editor.password);
  await expect(formError(page)).toHaveText(SIGN_IN_FAILED);
  expect(await sessionCookie(page.context()), 'no session cookie').toBeUndefined();
  expect(await sessionUser(page.context().request)).toBeNull();
});

test('after a refusal the form still goes where the sign-in link asked', async ({ page }) => {
  await openLogin(page, { path: `/editor/login?callbackUrl=${encodeURIComponent('/editor?status=spam')}`, scripts: false });
  await submitLogin(page, editor.email, 'not the password');
  await expect(formError(page)).toHaveText(SIGN_IN_FAILED);
  await submitLogin(page, editor.email, editor.password);
  await expect(page).toHaveURL(`${BASE_URL}/editor?status=spam`);
});

test('five failures lock the account without JavaScript too: the right password then gets the throttled message', async ({ page }) => {
  const lockable = await createEditor('No-JS Lockout Editor');
  await openLogin(page, { scripts: false });
  for (let i = 1; i <= 5; i++) {
    await submitLogin(page, lockable.email, `wrong password number ${i}`);
    await expect(formError(page), `failure ${i}`).toHaveText(SIGN_IN_FAILED);
  }
  await submitLogin(page, lockable.email, lockable.password);
  await expect(formError(page)).toHaveText(SIGN_IN_THROTTLED);
  expect(await sessionCookie(page.context()), 'no session cookie').toBeUndefined();
  expect((await accountThrottle(lockable.email))?.locked_until, 'locked in the store').toBeTruthy();
});

test('a form posted with a CSRF token that does not match the cookie signs no one in, and the page says the form expired', async ({ page }) => {
  await openLogin(page, { scripts: false });
  // The browser's own CSRF cookie goes along; the token beside it is not the one it carries (a page left open too long).
  const response = await page.request.post('/api/auth/callback/credentials', {
    form: { csrfToken: 'f'.repeat(64), email: editor.email, password: editor.password, callbackUrl: '/editor' },
    headers: { origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()['location']).toBe('/editor/login?error=FormExpired');
  expect(await sessionCookie(page.context()), 'no session cookie').toBeUndefined();
  expect(await sessionUser(page.context().request)).toBeNull();

  await openLogin(page, { path: '/editor/login?error=FormExpired', scripts: false });
  await expect(formError(page)).toHaveText('The sign-in form had expired. Please enter your email and password again.');
  await submitLogin(page, editor.email, editor.password);
  await expect(page).toHaveURL(`${BASE_URL}/editor`);
});

test('a cross-site form posted without the token signs no one in', async ({ page }) => {
  await openLogin(page, { scripts: false });
  const response = await page.request.post('/api/auth/callback/credentials', {
    form: { email: editor.email, password: editor.password, callbackUrl: '/editor' },
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(new URL(response.headers()['location']!, BASE_URL).pathname).not.toBe('/editor');
  expect(await sessionUser(page.context().request)).toBeNull();
});
