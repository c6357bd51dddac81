/**
 * First-editor setup in the browser (/editor/setup?token=…), the way WordPress and Ghost create
 * their first administrator.
 *
 * This file is named to run before every other editors spec (one worker, file order), because the
 * setup page only offers its form while no editor exists. If something earlier already created an
 * editor, the fresh-install tests are skipped and the "already set up" branch is tested instead.
 */
import { expect, test } from '@playwright/test';
import { countEditors, createSetupToken, findEditorForSignIn } from '../lib/auth/editors';
import { audit, describeViolations } from './support/axe';
import { attemptSignIn, closeEditorsDatabase, editorAccount, EVIL_ORIGIN, SAME_ORIGIN, sessionUser } from './support/editors';

const USE_THE_LINK = 'Open the setup link the server printed when it started.';
const ALREADY_SET_UP = 'This site already has editors.';

/** Whether there was no editor when this file started. */
let fresh = false;
/** The token the browser test used, for the reuse test. */
let usedToken: string | undefined;
const first = editorAccount('First Editor');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  fresh = (await countEditors()) === 0;
});
test.afterAll(closeEditorsDatabase);

const setupPost = (token: string, account: { email: string; name: string; password: string }, headers: Record<string, string> = SAME_ORIGIN) => ({
  data: { token, ...account },
  headers: { 'content-type': 'application/json', ...headers },
});

test('/editor/setup without a token says to use the link the server logged, and offers no form', async ({ page }) => {
  const response = await page.goto('/editor/setup');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up the first editor' })).toBeVisible();
  await expect(page.locator('main')).toContainText(fresh ? USE_THE_LINK : ALREADY_SET_UP);
  await expect(page.getByRole('form', { name: 'Create the first editor' })).toHaveCount(0);
  await expect(page.locator('main input[type="password"]')).toHaveCount(0);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', /noindex/);
});

test('a valid setup link creates the first editor in the browser, then leads to sign-in where the account works', async ({ page, request }) => {
  test.skip(!fresh, 'an editor already existed when this file started: the setup form is (rightly) not offered');
  const token = await createSetupToken();
  const response = await page.goto(`/editor/setup?token=${encodeURIComponent(token)}`);
  expect(response?.status()).toBe(200);
  const form = page.getByRole('form', { name: 'Create the first editor' });
  await expect(form).toBeVisible();
  expect(describeViolations(await audit(page)), 'axe on the setup form').toBe('');

  // A too-short password is refused next to its field, and creates nothing.
  await form.getByLabel('Your name').fill(first.name);
  await form.getByLabel('Email').fill(first.email);
  await form.getByLabel(/^Password/).fill('short');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#setup-password-error')).toContainText('at least 12 characters');
  await expect(form.getByLabel(/^Password/)).toHaveAttribute('aria-invalid', 'true');
  expect(await countEditors(), 'a refused setup creates no account').toBe(0);

  await form.getByLabel(/^Password/).fill(first.password);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/editor\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  usedToken = token;

  expect(await countEditors()).toBe(1);
  const row = await findEditorForSignIn(first.email);
  expect(row?.name).toBe(first.name);
  expect(row?.password_hash, 'the password is stored as a scrypt hash, never as typed').toMatch(/^scrypt\$/);
  expect(row?.password_hash).not.toContain(first.password);

  const attempt = await attemptSignIn(request, first);
  expect(attempt.error, attempt.url).toBeNull();
  expect((await sessionUser(request))?.email).toBe(first.email);
});

test('a used setup link cannot create another account, and the setup page then says to sign in', async ({ page, request }) => {
  test.skip(!fresh || !usedToken, 'needs the token used by the previous test');
  const before = await countEditors();
  const intruder = editorAccount('Second Via Used Link');
  const response = await request.post('/api/editor/setup', setupPost(usedToken!, intruder));
  expect(response.status()).toBe(403);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('forbidden');
  expect(body.error.message).toMatch(/invalid, used or expired/);
  expect(await countEditors(), 'no account was added').toBe(before);
  expect(await findEditorForSignIn(intruder.email)).toBeUndefined();

  await page.goto(`/editor/setup?token=${encodeURIComponent(usedToken!)}`);
  await expect(page.locator('main')).toContainText(ALREADY_SET_UP);
  await expect(page.getByRole('form', { name: 'Create the first editor' })).toHaveCount(0);
  await expect(page.locator('main').getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/editor/login');
});

test('once an editor exists, even a fresh setup link, a bogus one or a cross-site request creates nothing', async ({ page, request }) => {
  expect(await countEditors(), 'an editor exists by now').toBeGreaterThan(0);
  const before = await countEditors();
  const freshToken = await createSetupToken();

  await page.goto(`/editor/setup?token=${encodeURIComponent(freshToken)}`);
  await expect(page.locator('main')).toContainText(ALREADY_SET_UP);
  await expect(page.locator('main input[type="password"]')).toHaveCount(0);

  const attempts: [string, string, Record<string, string>, number][] = [
    ['fresh token, an editor already exists', freshToken, SAME_ORIGIN, 403],
    ['made-up token', 'not-a-real-token', SAME_ORIGIN, 403],
    ['fresh token from another site', freshToken, { origin: EVIL_ORIGIN }, 403],
    ['fresh token without an Origin header', freshToken, {}, 403],
  ];
  for (const [what, token, headers, status] of attempts) {
    const account = editorAccount(`Setup ${what}`);
    const response = await request.post('/api/editor/setup', setupPost(token, account, headers));
    expect(response.status(), `${what}: ${await response.text()}`).toBe(status);
    expect(await findEditorForSignIn(account.email), `${what}: no account`).toBeUndefined();
  }
  expect(await countEditors(), 'no account was added').toBe(before);
});
