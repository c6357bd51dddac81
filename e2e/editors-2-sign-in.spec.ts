/**
 * Editors' sign-in at /editor/login (next-auth credentials): the form, one message for every
 * failure, account lockout and the per-address cap, sign-out, and the desk's redirect for visitors.
 */
import { expect, test, type Page } from '@playwright/test';
import { unique } from './support/comments';
import { audit, describeViolations } from './support/axe';
import {
  accountThrottle,
  attemptSignIn,
  closeEditorsDatabase,
  openLogin,
  createEditor,
  openDesk,
  sessionCookie,
  sessionUser,
  SIGN_IN_FAILED,
  SIGN_IN_THROTTLED,
  signInAs,
  signInIp,
  type EditorAccount,
} from './support/editors';
import { BASE_URL } from './support/page-helpers';

let editor: EditorAccount;
/** Used only by the lockout test: it ends the run locked. */
let lockable: EditorAccount;

test.beforeAll(async () => {
  editor = await createEditor('Sign-in Editor');
  lockable = await createEditor('Lockout Editor');
});
test.afterAll(closeEditorsDatabase);

/** Fills and submits the form; waits for next-auth's answer. */
async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

const formError = (page: Page) => page.locator('main .notice--error');

test('/editor without a session redirects to /editor/login and shows nothing of the desk', async ({ page, request }) => {
  const raw = await request.get('/editor', { maxRedirects: 0 });
  expect([303, 307, 308], `status ${raw.status()}`).toContain(raw.status());
  expect(new URL(raw.headers()['location']!, BASE_URL).pathname).toBe('/editor/login');
  expect(await raw.text()).not.toContain('Audit log');

  await page.goto('/editor');
  await expect(page).toHaveURL(/\/editor\/login(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toHaveCount(0);
});

test('signing in through the form at /editor/login lands on the desk', async ({ page }) => {
  await openLogin(page, { path: '/editor/login?callbackUrl=/editor' });
  await submitLogin(page, editor.email, editor.password);
  await expect(page).toHaveURL(`${BASE_URL}/editor`);
  await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
  await expect(page.locator('main')).toContainText(`Signed in as ${editor.name} (${editor.email})`);
  expect(await sessionCookie(page.context()), 'a session cookie').toBeTruthy();
  const cookie = (await sessionCookie(page.context()))!;
  expect(cookie.httpOnly, 'the session cookie is HttpOnly').toBe(true);
  expect(cookie.sameSite).toBe('Lax');
});

test('a wrong password and an unknown account get the same message, and neither signs in', async ({ page, request }) => {
  await openLogin(page);
  await submitLogin(page, editor.email, `${editor.password}-wrong`);
  await expect(formError(page)).toHaveText(SIGN_IN_FAILED);
  const wrongPassword = await formError(page).innerText();

  await submitLogin(page, `nobody-${unique('ghost')}@editors.example`, editor.password);
  await expect(formError(page)).toHaveText(SIGN_IN_FAILED);
  expect(await formError(page).innerText(), 'same words for both').toBe(wrongPassword);
  await expect(page).toHaveURL(/\/editor\/login/);
  expect(await sessionCookie(page.context()), 'no session cookie').toBeUndefined();

  // Over HTTP the two failures are indistinguishable too.
  const a = await attemptSignIn(request, { email: editor.email, password: 'definitely-not-it-1' });
  const b = await attemptSignIn(request, { email: `nobody-${unique('ghost')}@editors.example`, password: 'definitely-not-it-1' });
  expect(a).toEqual(b);
  expect(a.error).toBe('CredentialsSignin');
  expect(await sessionUser(request)).toBeNull();
});

test('a wrong password and an unknown account take about the same time: both pay for a password hash check', async ({ request }) => {
  // A dedicated account: four failures stay under the lockout threshold of five.
  const timing = await createEditor('Timing Editor');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const timed = async (credentials: { email: string; password: string }) => {
    const start = performance.now();
    const attempt = await attemptSignIn(request, credentials);
    expect(attempt.error).toBe('CredentialsSignin');
    return performance.now() - start;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 4; i++) {
    known.push(await timed({ email: timing.email, password: `wrong guess ${i}` }));
    unknown.push(await timed({ email: `nobody-${unique('timing')}@editors.example`, password: `wrong guess ${i}` }));
  }
  const ratio = median(unknown) / median(known);
  test.info().annotations.push({ type: 'timing', description: `median wrong password ${median(known).toFixed(0)} ms, unknown account ${median(unknown).toFixed(0)} ms` });
  // Skipping the hash for unknown accounts would make them several times faster; noise stays well inside this band.
  expect(ratio, `unknown/known = ${ratio.toFixed(2)} (${unknown.map(Math.round).join(', ')} vs ${known.map(Math.round).join(', ')} ms)`).toBeGreaterThan(0.5);
  expect(ratio).toBeLessThan(2);
});

test('five failures lock the account: the right password then gets the throttled message, and no session', async ({ page }) => {
  await openLogin(page);
  for (let i = 1; i <= 5; i++) {
    await submitLogin(page, lockable.email, `wrong password number ${i}`);
    await expect(formError(page), `failure ${i}`).toHaveText(SIGN_IN_FAILED);
  }
  await submitLogin(page, lockable.email, lockable.password);
  await expect(formError(page)).toHaveText(SIGN_IN_THROTTLED);
  await expect(page).toHaveURL(/\/editor\/login/);
  expect(await sessionCookie(page.context()), 'no session cookie').toBeUndefined();

  const counter = await accountThrottle(lockable.email);
  expect(counter?.locked_until, 'the account is locked in the store').toBeTruthy();
  const lockedFor = Date.parse(counter!.locked_until!) - Date.now();
  expect(lockedFor, 'locked for about 15 minutes').toBeGreaterThan(13 * 60_000);
  expect(lockedFor).toBeLessThanOrEqual(15 * 60_000);

  await page.goto('/editor');
  await expect(page).toHaveURL(/\/editor\/login/);
});

test('an unknown account locks after five failures exactly like a real one, so a lock reveals nothing', async ({ request }) => {
  const ghost = `nobody-${unique('ghost')}@editors.example`;
  for (let i = 1; i <= 5; i++) expect((await attemptSignIn(request, { email: ghost, password: `guess number ${i}` })).error, `guess ${i}`).toBe('CredentialsSignin');
  expect((await attemptSignIn(request, { email: ghost, password: 'guess number 6' })).error).toBe(SIGN_IN_THROTTLED);
  expect(await sessionUser(request)).toBeNull();
});

test('one client address is capped at 20 sign-in attempts per 15 minutes; another address still gets in', async ({ request }) => {
  const ip = signInIp();
  for (let i = 1; i <= 20; i++) {
    const attempt = await attemptSignIn(request, { email: `spray-${i}-${unique('ip')}@editors.example`, password: 'Password123!' }, ip);
    expect(attempt.error, `attempt ${i} is checked (and fails)`).toBe('CredentialsSignin');
  }
  const capped = await attemptSignIn(request, editor, ip);
  expect(capped.error, 'the 21st attempt is refused even with the right password').toBe(SIGN_IN_THROTTLED);
  expect(await sessionUser(request)).toBeNull();

  const elsewhere = await attemptSignIn(request, editor, signInIp());
  expect(elsewhere.error).toBeNull();
  expect((await sessionUser(request))?.email).toBe(editor.email);
});

test('a sign-in link cannot send the editor to another site', async ({ page }) => {
  await openLogin(page, { path: `/editor/login?callbackUrl=${encodeURIComponent('//evil.example/phish')}` });
  await submitLogin(page, editor.email, editor.password);
  await expect(page).toHaveURL(`${BASE_URL}/editor`);

  // Signed in, the login page forwards only to paths on this site.
  for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const response = await page.request.get(`/editor/login?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
    expect([303, 307, 308], `${target}: ${response.status()}`).toContain(response.status());
    const location = new URL(response.headers()['location']!, BASE_URL);
    expect(location.origin, target).toBe(BASE_URL);
    expect(location.pathname, target).toBe('/editor');
  }
});

test('signing out ends the session: the desk then redirects to sign-in', async ({ page }) => {
  await signInAs(page.context().request, editor);
  await openDesk(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/editor\/login/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect.poll(async () => sessionCookie(page.context()), { message: 'the session cookie is gone' }).toBeUndefined();

  await page.goto('/editor');
  await expect(page).toHaveURL(/\/editor\/login/);
  expect(await sessionUser(page.context().request)).toBeNull();
});

test('signing out also voids every copy of the session token, so a stolen cookie stops working', async ({ page, playwright }) => {
  await signInAs(page.context().request, editor);
  const stolen = await sessionCookie(page.context());
  expect(stolen, 'signed in').toBeDefined();
  await openDesk(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/editor\/login/);

  const attacker = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { cookie: `${stolen!.name}=${stolen!.value}` } });
  const queue = await attacker.get('/api/comments?status=pending');
  expect(queue.status(), 'the replayed token is refused after sign-out').toBe(401);
  await attacker.dispose();

  // next-auth re-issues the cookie (with a new iat) on /api/auth/session: a refreshed copy must be refused too.
  const refresher = await playwright.request.newContext({ baseURL: BASE_URL });
  await refresher.storageState();
  const refreshed = await refresher.get('/api/auth/session', { headers: { cookie: `${stolen!.name}=${stolen!.value}` } });
  const renewed = refreshed.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${stolen!.name}=`))?.value.split(';')[0];
  const replay = await refresher.get('/api/comments?status=pending', { headers: { cookie: renewed ?? `${stolen!.name}=${stolen!.value}` } });
  expect(replay.status(), 'a cookie refreshed after sign-out is refused').toBe(401);
  await refresher.dispose();

  // Signing in again works at once.
  await signInAs(page.context().request, editor);
  expect((await sessionUser(page.context().request))?.email).toBe(editor.email);
  await openDesk(page);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('the sign-in page (also with an error shown) and the desk pass axe', async ({ page }) => {
  await openLogin(page);
  expect(describeViolations(await audit(page)), 'axe on /editor/login').toBe('');
  await submitLogin(page, editor.email, 'not the password at all');
  await expect(formError(page)).toHaveText(SIGN_IN_FAILED);
  expect(describeViolations(await audit(page)), 'axe on /editor/login with an error').toBe('');

  await signInAs(page.context().request, editor);
  await openDesk(page);
  expect(describeViolations(await audit(page)), 'axe on /editor').toBe('');
});
