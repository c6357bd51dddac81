/**
 * Helpers for the editors' specs: accounts made in this process (same SQLite file as the site under
 * test, see playwright.config.ts), next-auth sign-in over HTTP, the moderation API as the desk
 * calls it, and read-only looks at the audit log and the sign-in throttle.
 *
 * Specs that use these call closeEditorsDatabase() in afterAll.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { expect, type APIRequestContext, type APIResponse, type BrowserContext, type Page } from '@playwright/test';
import { addEditor } from '../../lib/auth/editors';
import { getCommentStore } from '../../lib/comments/store';
import type { AuditRow } from '../../lib/comments/store/types';
import { closeDatabase, getDatabase } from '../../lib/db';
import { from, RUN } from './comments';
import { BASE_URL } from './page-helpers';

export type { AuditRow };

export const SESSION_COOKIE = 'next-auth.session-token';
export const PREVIEW_COOKIE = '__prerender_bypass';

/** What the sign-in form says for any wrong email/password, and when an account or address is throttled. */
export const SIGN_IN_FAILED = 'The email address or password is not right.';
export const SIGN_IN_THROTTLED = 'Too many attempts. Wait a while and try again.';

/** The site's own origin, as a browser on one of its pages sends it. */
export const SAME_ORIGIN = { origin: BASE_URL };
export const EVIL_ORIGIN = 'https://evil.example';

export interface EditorAccount {
  email: string;
  name: string;
  password: string;
}

/** A fresh account's details: email and name unique to this run, a random 12+ character password. */
export function editorAccount(label: string): EditorAccount {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { email: `${slug}-${RUN}@editors.example`, name: `${label} ${RUN}`, password: `Pass ${randomBytes(12).toString('base64url')}` };
}

/** Creates an editor account in-process, as `npm run editor -- add` does. */
export async function createEditor(label: string): Promise<EditorAccount & { id: string }> {
  const account = editorAccount(label);
  const editor = await addEditor(account);
  return { ...account, id: editor.id };
}

/**
 * A client address for one sign-in. The site caps each address at 20 attempts per 15 minutes and
 * counts successful sign-ins too, so every sign-in a spec makes comes from a random address
 * (198.18.0.0/15, the benchmarking range) unless a test is about the cap itself.
 */
export const signInIp = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;

/** next-auth's CSRF token for this client (its cookie lands in the context's jar). */
async function csrfToken(request: APIRequestContext, ip: string): Promise<string> {
  const response = await request.get('/api/auth/csrf', { headers: from(ip) });
  expect(response.status(), 'GET /api/auth/csrf').toBe(200);
  const { csrfToken: token } = (await response.json()) as { csrfToken: string };
  expect(token).toBeTruthy();
  return token;
}

export interface SignInAttempt {
  status: number;
  /** Where next-auth would send the browser: the callback on success, the login page with ?error= otherwise. */
  url: string;
  /** The error next-auth reports (CredentialsSignin, or the throttle message), or null on success. */
  error: string | null;
}

/** POSTs email and password to next-auth's credentials callback (json=true), as signIn() in the browser does. */
export async function attemptSignIn(request: APIRequestContext, credentials: { email: string; password: string }, ip = signInIp()): Promise<SignInAttempt> {
  const token = await csrfToken(request, ip);
  const response: APIResponse = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken: token, email: credentials.email, password: credentials.password, callbackUrl: `${BASE_URL}/editor`, json: 'true' },
    headers: { ...from(ip), ...SAME_ORIGIN },
    maxRedirects: 0,
  });
  const text = await response.text();
  let url = '';
  try {
    url = (JSON.parse(text) as { url?: string }).url ?? '';
  } catch {
    url = response.headers()['location'] ?? '';
  }
  const error = url ? new URL(url, BASE_URL).searchParams.get('error') : null;
  return { status: response.status(), url, error };
}

/** Signs `request` out as next-auth's signOut() does: CSRF token, then POST /api/auth/signout (json=true). */
export async function signOut(request: APIRequestContext, ip = signInIp()): Promise<void> {
  const token = await csrfToken(request, ip);
  const response = await request.post('/api/auth/signout', {
    form: { csrfToken: token, callbackUrl: `${BASE_URL}/editor/login`, json: 'true' },
    headers: { ...from(ip), ...SAME_ORIGIN },
    maxRedirects: 0,
  });
  expect(response.status(), `POST /api/auth/signout: ${await response.text()}`).toBe(200);
}

/** Who the site thinks this client is: GET /api/auth/session. */
export async function sessionUser(request: APIRequestContext): Promise<{ email?: string; name?: string } | null> {
  const response = await request.get('/api/auth/session');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { user?: { email?: string; name?: string } };
  return body.user ?? null;
}

/** Signs `request` (a context's own request, so the page shares its cookies) in as `account`, and checks it worked. */
export async function signInAs(request: APIRequestContext, account: EditorAccount): Promise<void> {
  const attempt = await attemptSignIn(request, account);
  expect(attempt.error, `sign-in as ${account.email}: ${attempt.url}`).toBeNull();
  expect((await sessionUser(request))?.email, 'the session names the editor').toBe(account.email);
}

/**
 * Opens the sign-in page from a client address of its own (the site trusts X-Forwarded-For in tests); unless the spec
 * runs without JavaScript (`scripts: false`), waits until the page's scripts have loaded.
 */
export async function openLogin(page: Page, { path = '/editor/login', scripts = true }: { path?: string; scripts?: boolean } = {}): Promise<void> {
  await page.setExtraHTTPHeaders(from(signInIp()));
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  if (scripts) await page.waitForLoadState('networkidle');
}

/** The browser context's session cookie, if any. */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** The browser context's draft-mode cookie, if any. */
export async function previewCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === PREVIEW_COOKIE);
}

/** Whether a response tried to set the draft-mode cookie. */
export function setsPreviewCookie(response: APIResponse): boolean {
  return response.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${PREVIEW_COOKIE}=`));
}

/**
 * A request as an attacker sends it, following Next's RSC redirect once. A request carrying
 * `RSC: 1` without a matching `_rsc` query is answered by Next itself, before any handler runs,
 * with a 307 to the same path plus `_rsc=…` (its cache-busting check): no grant, nothing run. A
 * client that follows it (same method, headers and body, as 307 requires) reaches the handler —
 * so the answer that counts is the one after the redirect. `statuses` lists every answer.
 */
export async function fetchFollowingRsc(
  context: APIRequestContext,
  path: string,
  options: { method: string; headers: Record<string, string>; data?: string | Buffer },
): Promise<{ statuses: number[]; response: APIResponse; rscRedirect: boolean }> {
  const first = await context.fetch(path, { ...options, maxRedirects: 0 });
  const sentRsc = Object.keys(options.headers).some((h) => h.toLowerCase() === 'rsc');
  if (first.status() !== 307 || !sentRsc) return { statuses: [first.status()], response: first, rscRedirect: false };
  const location = new URL(first.headers()['location'] ?? '', BASE_URL);
  const asked = new URL(path, BASE_URL);
  expect(location.origin, 'the RSC redirect stays on the site').toBe(BASE_URL);
  expect(location.pathname, 'the RSC redirect keeps the path').toBe(asked.pathname);
  expect(location.searchParams.has('_rsc'), 'the RSC redirect only adds _rsc').toBe(true);
  const second = await context.fetch(location.pathname + location.search, { ...options, maxRedirects: 0 });
  return { statuses: [307, second.status()], response: second, rscRedirect: true };
}

// ---------------------------------------------------------------------------------------------
// The store, read-only.

/** Audit log entries about one comment, oldest first. */
export async function auditFor(commentId: string): Promise<AuditRow[]> {
  return (await (await getCommentStore()).listAudit(100_000)).filter((row) => row.comment_id === commentId).reverse();
}

/** How many audit entries exist in all. */
export async function auditCount(): Promise<number> {
  return (await (await getCommentStore()).listAudit(1_000_000)).length;
}

/** The sign-in throttle's counter for an account (email) — locked_until is set while it is locked. */
export async function accountThrottle(email: string) {
  const { db } = await getDatabase();
  return db.selectFrom('auth_throttle').selectAll().where('key', '=', `account:${email.trim().toLowerCase()}`).executeTakeFirst();
}

export const closeEditorsDatabase = () => closeDatabase();

// ---------------------------------------------------------------------------------------------
// The desk.

/** One comment on the desk. */
export const deskItem = (page: Page, id: string) => page.locator(`#desk-${id}`);

/** The status tabs with their counts, as shown: { pending: 3, approved: 1, … }. */
export async function deskCounts(page: Page): Promise<Record<string, number>> {
  const links = page.getByRole('navigation', { name: 'Comment status' }).getByRole('link');
  const counts: Record<string, number> = {};
  for (const text of await links.allInnerTexts()) {
    const match = /^(\w+)\s*\((\d+)\)$/.exec(text.trim());
    expect(match, `tab text "${text}" reads "Label (N)"`).not.toBeNull();
    counts[match![1]!.toLowerCase()] = Number(match![2]);
  }
  return counts;
}

/** Opens the desk on one tab and waits until its client script can act. */
export async function openDesk(page: Page, status = 'pending'): Promise<void> {
  const response = await page.goto(`/editor?status=${status}`);
  expect(response?.status(), `/editor?status=${status}`).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/** The public article page, fetched fresh by an anonymous client. */
export async function publicArticleHtml(request: APIRequestContext, slug: string): Promise<string> {
  const response = await request.get(`/articles/${slug}`);
  expect(response.status()).toBe(200);
  return response.text();
}
