/**
 * Security headers and surface (docs/security.md): the headers on every kind of response, HSTS and
 * Secure cookies only over https, cookie attributes, no CSP violation or console error on any main
 * page type (JavaScript included: the comment form, sign-in, the desk, draft preview, a review link),
 * error answers that reveal nothing, and an image optimiser that takes no remote or SVG source.
 */
import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { createReviewToken } from '../lib/auth/review-link';
import { FLASH_COOKIE } from '../lib/comments/flash';
import { from, newReader, readerIp, unique, waitForEnhancedForm } from './support/comments';
import { articleWithMarker, DRAFT_MARKER, ROOT } from './support/content';
import { closeEditorsDatabase, createEditor, openDesk, SAME_ORIGIN, signInAs, type EditorAccount } from './support/editors';
import { BASE_URL } from './support/page-helpers';
import { PAGE_TYPES, SEED_SLUG } from './support/pages';

const draft = articleWithMarker(DRAFT_MARKER);
let editor: EditorAccount;

test.beforeAll(async () => {
  editor = await createEditor('Security Editor');
});
test.afterAll(closeEditorsDatabase);

/** The headers every response must carry, whatever produced it. */
function expectSecurityHeaders(response: APIResponse, what: string, { https = false } = {}): void {
  const h = response.headers();
  expect(h['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(h['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  expect(h['content-security-policy'], `${what}: CSP frame-ancestors`).toContain("frame-ancestors 'none'");
  expect(h['referrer-policy'], `${what}: Referrer-Policy`).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy'], `${what}: Permissions-Policy`).toContain('camera=()');
  expect(h['x-request-id'], `${what}: X-Request-Id`).toBeTruthy();
  expect(h['x-powered-by'], `${what}: no X-Powered-By`).toBeUndefined();
  if (https) expect(h['strict-transport-security'], `${what}: HSTS over https`).toMatch(/^max-age=\d{8,}/);
  else expect(h['strict-transport-security'], `${what}: no HSTS over http`).toBeUndefined();
}

/** One of each kind of response: pages, redirects, API, static files, feeds, cards, errors. */
async function responseKinds(request: APIRequestContext): Promise<[string, string, number][]> {
  const home = await (await request.get('/')).text();
  // Reader pages load no script of Next's (lib/server/client-runtime.mjs); the sign-in page does.
  const login = await (await request.get('/editor/login')).text();
  const chunk = /src="(\/_next\/static\/chunks\/[^"]+\.js)"/.exec(login)?.[1];
  const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(home)?.[1];
  const article = await (await request.get(`/articles/${SEED_SLUG}`)).text();
  const card = /<meta property="og:image" content="[^"]*?(\/og\/[^"]+\.png)"/.exec(article)?.[1];
  const readerScript = /src="(\/reader\.js\?v=[^"]+)"/.exec(article)?.[1];
  expect(chunk && css && card && readerScript, 'the pages name a script, a stylesheet, a card and the reader script').toBeTruthy();
  return [
    ['home page', '/', 200],
    ['article page', `/articles/${SEED_SLUG}`, 200],
    ['404 page', '/no-such-page', 404],
    ['redirect', '/page/1', 308],
    ['reader script', readerScript!, 200],
    ['API list', `/api/comments?article=${SEED_SLUG}`, 200],
    ['API error', '/api/comments?article=', 400],
    ['health', '/api/health', 200],
    ['next-auth', '/api/auth/csrf', 200],
    ['script', chunk!, 200],
    ['stylesheet', css!, 200],
    ['public image', '/images/caspian-corridor.jpg', 200],
    ['missing static file', '/_next/static/chunks/nope.js', 404],
    ['RSS feed', '/feed.xml', 200],
    ['JSON feed', '/feed.json', 200],
    ['sitemap', '/sitemap.xml', 200],
    ['robots.txt', '/robots.txt', 200],
    ['social card', card!, 200],
    ['image optimiser', '/_next/image?url=%2Fimages%2Fcaspian-corridor.jpg&w=640&q=75', 200],
    ['image optimiser error', '/_next/image?url=https%3A%2F%2Fexample.com%2Fx.jpg&w=640&q=75', 400],
  ];
}

test('every kind of response carries the security headers, and none says what powers it', async ({ request }) => {
  for (const [what, path, status] of await responseKinds(request)) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), `${what} ${path}`).toBe(status);
    expectSecurityHeaders(response, `${what} ${path}`);
  }
});

test('the page policy allows only this site, and inline script only by nonce or hash', async ({ request }) => {
  const csp = (await request.get('/')).headers()['content-security-policy']!;
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
  // A reader page has no inline script left to allow (lib/server/client-runtime.mjs): answered by Next it carries
  // this response's nonce, unused; from the fast path (lib/server/page-cache.mjs), 'self' alone.
  expect(directives['script-src']).toMatch(/^'self'( 'nonce-[A-Za-z0-9+/]{22}==')?$/);
  // The sign-in page keeps Next's inline bootstrap: allowed by this response's nonce only.
  const login = (await request.get('/editor/login')).headers()['content-security-policy']!;
  expect(login).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='( 'sha256-[A-Za-z0-9+/]{43}=')*;/);
  expect(csp).not.toContain('unsafe-inline');
  expect(directives).toMatchObject({
    'default-src': "'self'",
    'script-src-attr': "'none'",
    'style-src': "'self'",
    'img-src': "'self'",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  });
  expect(csp).not.toMatch(/unsafe-eval|https?:|\*|data:/);

  // What is not a page, opened directly, may load and run nothing at all.
  const article = await (await request.get(`/articles/${SEED_SLUG}`)).text();
  const card = /<meta property="og:image" content="[^"]*?(\/og\/[^"]+\.png)"/.exec(article)![1]!;
  for (const path of [card, '/feed.xml', '/feed.json', '/api/health', '/images/caspian-corridor.jpg']) {
    const policy = (await request.get(path)).headers()['content-security-policy'] ?? '';
    expect(policy, path).toMatch(/^default-src 'none';/);
    expect(policy, path).toContain('sandbox');
    expect(policy, path).toContain("frame-ancestors 'none'");
  }
});

test('over https (a trusted proxy says so), responses add HSTS and upgrade-insecure-requests, and cookies are Secure', async ({ request }) => {
  const https = { 'x-forwarded-proto': 'https' };
  for (const path of ['/', '/api/health', '/no-such-page', '/feed.xml']) {
    const response = await request.get(path, { headers: https });
    expectSecurityHeaders(response, `https ${path}`, { https: true });
    const isPage = (response.headers()['content-type'] ?? '').startsWith('text/html');
    if (isPage) expect(response.headers()['content-security-policy'], path).toContain('upgrade-insecure-requests');
  }
  const plain = await request.get('/');
  expect(plain.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');

  const cookies = (await request.get('/api/auth/csrf', { headers: https })).headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
  expect(cookies.length).toBeGreaterThan(0);
  for (const { value } of cookies) expect(value, value.split('=')[0]).toMatch(/;\s*Secure(;|$)/i);
  const overHttp = (await request.get('/api/auth/csrf')).headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
  for (const { value } of overHttp) expect(value, `${value.split('=')[0]} over http`).not.toMatch(/;\s*Secure(;|$)/i);
});

/** Every Set-Cookie of a response, as name → attribute string. */
const setCookies = (response: APIResponse) =>
  response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);

test('every cookie the site sets is HttpOnly and SameSite=Lax: next-auth, draft mode and the comment form', async ({ playwright }, testInfo) => {
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  const seen: string[] = [];
  seen.push(...setCookies(await context.get('/api/auth/csrf')));
  await signInAs(context, editor);
  const state = await context.storageState();
  expect(state.cookies.map((c) => c.name)).toContain('next-auth.session-token');
  const preview = await context.get(`/api/draft?slug=${draft.slug}`, { maxRedirects: 0 });
  expect(preview.status()).toBe(307);
  seen.push(...setCookies(preview));
  // A form post without JavaScript that fails keeps what the reader typed, keyed by a cookie.
  const failed = await context.post('/api/comments', {
    form: { article: SEED_SLUG, name: '', email: 'not-an-email', url: '', body: '', token: 'x', address: '' },
    headers: from(readerIp(testInfo)),
    maxRedirects: 0,
  });
  expect(failed.status()).toBe(303);
  seen.push(...setCookies(failed));

  for (const name of ['next-auth.csrf-token', '__prerender_bypass', FLASH_COOKIE]) {
    expect(seen.some((c) => c.startsWith(`${name}=`)), `${name} was set`).toBe(true);
  }
  for (const cookie of seen) {
    const name = cookie.split('=')[0];
    expect(cookie, `${name}: HttpOnly`).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(cookie, `${name}: SameSite=Lax`).toMatch(/;\s*SameSite=Lax(;|$)/i);
  }
  for (const cookie of state.cookies) {
    expect(cookie.httpOnly, `${cookie.name} in the jar: HttpOnly`).toBe(true);
    expect(cookie.sameSite, `${cookie.name} in the jar: SameSite`).toBe('Lax');
  }
  await context.dispose();
});

/** Collects CSP violations (as the page reports them) and console errors for one page. */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The 404 page's own status is not a problem; anything else that failed to load is.
    if (/Failed to load resource: the server responded with a status of 404/.test(text) && /\/no-such-page$/.test(message.location().url)) return;
    problems.push(`console: ${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return async () => [...problems, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[]))];
}

test("no page type reports a CSP violation or a console error, and the comment form's script runs under the policy", async ({ page }) => {
  const problems = await watch(page);
  for (const { name, path, status } of PAGE_TYPES) {
    const response = await page.goto(path);
    expect(response?.status(), name).toBe(status ?? 200);
    await page.waitForLoadState('networkidle');
    expect(await problems(), `${name} ${path}`).toEqual([]);
  }
  // The article's comment form is taken over by public/reader.js only if the policy let it run.
  await page.goto(`/articles/${SEED_SLUG}`);
  await waitForEnhancedForm(page);
  expect(await problems()).toEqual([]);
});

test('the comment form posts with JavaScript under the policy', async ({ page }, testInfo) => {
  const problems = await watch(page);
  await page.setExtraHTTPHeaders(from(readerIp(testInfo)));
  await page.goto(`/articles/${SEED_SLUG}`);
  await waitForEnhancedForm(page);
  const reader = newReader('Csp Reader');
  const form = page.locator('form#respond');
  await form.locator('#comment-body').fill(`Posted under the policy (${unique('csp')}).`);
  await form.locator('#comment-name').fill(reader.name);
  await form.locator('#comment-email').fill(reader.email);
  // The form refuses a post made within 3 s of its token being issued.
  await page.waitForTimeout(3200);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/comments') && r.request().method() === 'POST'),
    form.getByRole('button', { name: 'Post Comment' }).click(),
  ]);
  expect(response.status()).toBe(201);
  await expect(form.locator('.comment-form__status')).toHaveText('Your comment is awaiting moderation.');
  expect(await problems()).toEqual([]);
});

test('signing in through the form, the desk, a draft preview and a review link run without a CSP violation', async ({ page }) => {
  const problems = await watch(page);
  await page.goto('/editor/login');
  await page.getByLabel('Email').fill(editor.email);
  await page.getByLabel('Password').fill(editor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/editor(\?|$)/);
  await openDesk(page);
  expect(await problems(), 'sign-in and desk').toEqual([]);

  const preview = await page.goto(`/api/draft?slug=${draft.slug}`);
  expect(preview?.status()).toBe(200);
  await expect(page.getByRole('complementary', { name: 'Preview' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await problems(), 'draft preview').toEqual([]);
  // The preview card is an image for crawlers and the desk, not a page: fetched with the editor's session.
  const card = await page.request.get(`/og/preview/${draft.slug}`);
  expect(card.status()).toBe(200);
  expect(card.headers()['content-type']).toBe('image/png');
  expect(card.headers()['content-security-policy']).toContain('sandbox');

  const { token } = createReviewToken(draft.slug);
  const review = await page.goto(`/review/${token}`);
  expect(review?.status()).toBe(200);
  await page.waitForLoadState('networkidle');
  expect(await problems(), 'review link').toEqual([]);
});

test("a script injected into a prerendered page does not run: the browser blocks it and raises a violation, and the page's own script still runs", async ({ page }) => {
  const problems = await watch(page);
  // As an HTML-injection bug would: the page as the site sent it (headers and all), with one inline script more.
  await page.route(`**/articles/${SEED_SLUG}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('<body', '<script>window.__injected = true</script><body');
    await route.fulfill({ response, body: html });
  });
  await page.goto(`/articles/${SEED_SLUG}`);
  await waitForEnhancedForm(page);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  // The page's securitypolicyviolation event (one) and Chromium's console line about it (one); nothing else.
  const found = await problems();
  expect(found.filter((p) => /^script-src-elem blocked inline/.test(p)), found.join('\n')).toHaveLength(1);
  expect(found.filter((p) => !/^script-src-elem blocked inline|^console: Executing inline script violates/.test(p)), found.join('\n')).toEqual([]);
});

test("a page rendered per request carries this response's nonce on each of Next's inline scripts", async ({ request }) => {
  // Reader pages carry no inline script at all (lib/server/client-runtime.mjs); the sign-in page keeps Next's.
  const response = await request.get('/editor/login');
  const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy']!)![1];
  const html = await response.text();
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attributes, text]) => text && !/\bsrc=|application\/ld\+json/.test(attributes!));
  expect(inline.length).toBeGreaterThan(0);
  for (const [, attributes] of inline) expect(attributes).toContain(`nonce="${nonce}"`);
  const again = (await request.get('/editor/login')).headers()['content-security-policy']!;
  expect(again, 'a new nonce for each response').not.toContain(nonce);
});

test('the report endpoint takes browsers\' reports and refuses anything else with the error shape', async ({ request }) => {
  const report = { 'csp-report': { 'document-uri': `${BASE_URL}/`, 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' } };
  const post = (data: string, type: string) => request.post('/api/csp-report', { data, headers: { 'content-type': type } });
  expect((await post(JSON.stringify(report), 'application/csp-report')).status()).toBe(204);
  const batch = [{ type: 'csp-violation', body: { documentURL: `${BASE_URL}/`, effectiveDirective: 'script-src-elem', blockedURL: 'inline' } }];
  expect((await post(JSON.stringify(batch), 'application/reports+json')).status()).toBe(204);
  for (const [data, type, status, code] of [
    [JSON.stringify(report), 'text/plain', 415, 'unsupported_media_type'],
    ['{"csp-report":', 'application/csp-report', 400, 'invalid_json'],
    ['{"hello":"world"}', 'application/csp-report', 400, 'invalid_input'],
    [JSON.stringify({ 'csp-report': { 'blocked-uri': 'x'.repeat(9000) } }), 'application/csp-report', 413, 'payload_too_large'],
  ] as const) {
    const response = await post(data, type);
    expect(response.status(), `${type} ${data.slice(0, 40)}`).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  }
});

test('a page refuses to be framed: the browser blocks it inside another document', async ({ page }) => {
  await page.goto('/api/health');
  await page.setContent(`<iframe id="f" src="${BASE_URL}/"></iframe>`);
  const frame = page.frameLocator('#f');
  await page.waitForTimeout(1000);
  await expect(frame.locator('main')).toHaveCount(0);
});

/** What an error answer must never contain: stack frames, file paths, SQL or driver names. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n\s*at [^\n]+[(:]\d+|at [\w.<>]+ \(\/[^)]+\)/],
  ['a file path', new RegExp(`${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|node_modules|/\\.next/server|\\.tsx?:\\d+`)],
  ['SQL', /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[^\n]{0,200}\b(FROM|VALUES|SET|WHERE)\b|SQLITE_|SqliteError|better-sqlite3|kysely|syntax error at or near|relation "/],
];

function expectNoLeak(what: string, status: number, body: string): void {
  for (const [kind, pattern] of LEAKS) expect(pattern.test(body), `${what} (${status}) shows ${kind}: ${body.slice(0, 400)}`).toBe(false);
}

test('malformed requests to every API route, the image optimiser and pages answer errors that reveal nothing', async ({ request, playwright }) => {
  const huge = 'x'.repeat(200 * 1024);
  const json = { 'content-type': 'application/json', ...SAME_ORIGIN };
  const signedIn = await playwright.request.newContext({ baseURL: BASE_URL });
  await signInAs(signedIn, editor);
  const cases: [string, APIRequestContext, string, string, Record<string, string>, string | undefined][] = [
    ['comment: broken JSON', request, 'POST', '/api/comments', json, '{"article": '],
    ['comment: JSON array', request, 'POST', '/api/comments', json, '[1,2,3]'],
    ['comment: deep JSON', request, 'POST', '/api/comments', json, `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['comment: wrong type', request, 'POST', '/api/comments', { 'content-type': 'text/xml' }, '<a/>'],
    ['comment: huge body', request, 'POST', '/api/comments', json, huge],
    ['comment: bad UTF-8', request, 'POST', '/api/comments', { 'content-type': 'application/x-www-form-urlencoded' }, '%FF%FE=%C0'],
    ['comment list: bad status', request, 'GET', "/api/comments?status=' OR 1=1 --", {}, undefined],
    ['comment list: bad article', request, 'GET', `/api/comments?article=${encodeURIComponent("x'; drop table comments; --")}`, {}, undefined],
    ['token: wrong method', request, 'POST', '/api/comments/token', json, '{}'],
    ['moderate: no session', request, 'PATCH', '/api/comments/x', json, '{"status":"approved"}'],
    ['moderate: broken JSON', signedIn, 'PATCH', "/api/comments/'%20OR%201=1", json, '{"status":'],
    ['moderate: bad status', signedIn, 'PATCH', '/api/comments/nope', json, '{"status":"deleted; --"}'],
    ['moderate: huge body', signedIn, 'PATCH', '/api/comments/nope', json, huge],
    ['delete: unknown id', signedIn, 'DELETE', `/api/comments/${'z'.repeat(5000)}`, SAME_ORIGIN, undefined],
    ['reply: broken JSON', signedIn, 'POST', '/api/comments/nope/replies', json, '{'],
    ['draft: odd slug', signedIn, 'GET', '/api/draft?slug=../../etc/passwd', {}, undefined],
    ['draft disable: odd target', request, 'GET', '/api/draft/disable?to=%2F%2Fevil.example', {}, undefined],
    ['review link: broken JSON', signedIn, 'POST', '/api/draft/review-link', json, '{"slug":'],
    ['review link: no session', request, 'POST', '/api/draft/review-link', json, '{"slug":"x"}'],
    ['setup: broken JSON', request, 'POST', '/api/editor/setup', json, '{"token":'],
    ['setup: wrong token', request, 'POST', '/api/editor/setup', json, '{"token":"nope","email":"a@b.example","name":"A","password":"p"}'],
    ['revalidate: unsigned', request, 'POST', '/api/internal/revalidate', { 'content-type': 'application/json' }, '{"tags":["x"]}'],
    ['revalidate: huge', request, 'POST', '/api/internal/revalidate', { 'content-type': 'application/json' }, huge],
    ['health: wrong method', request, 'PUT', '/api/health', {}, undefined],
    ['next-auth: unknown action', request, 'GET', '/api/auth/nonsense', {}, undefined],
    ['next-auth: callback without CSRF', request, 'POST', '/api/auth/callback/credentials', { 'content-type': 'application/x-www-form-urlencoded' }, 'email=a&password=b'],
    ['next-auth: forged session', request, 'GET', '/api/auth/session', { cookie: 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..garbage.garbage.garbage' }, undefined],
    ['next-auth: broken body', request, 'POST', '/api/auth/signout', { 'content-type': 'application/json' }, '{'],
    ['image: no url', request, 'GET', '/_next/image?w=64&q=75', {}, undefined],
    ['image: broken url', request, 'GET', '/_next/image?url=%E0%A4%A&w=64&q=75', {}, undefined],
    ['image: missing file', request, 'GET', '/_next/image?url=%2Fimages%2Fnone.jpg&w=640&q=75', {}, undefined],
    ['image: not an image', request, 'GET', '/_next/image?url=%2Frobots.txt&w=640&q=75', {}, undefined],
    ['image: bad width', request, 'GET', '/_next/image?url=%2Fimages%2Fcaspian-corridor.jpg&w=-1&q=75', {}, undefined],
    ['image: local IP', request, 'GET', '/_next/image?url=http%3A%2F%2F169.254.169.254%2Flatest&w=640&q=75', {}, undefined],
    ['page: broken escape', request, 'GET', '/articles/%E0%A4%A', {}, undefined],
    ['API: broken escape', request, 'GET', '/api/comments/%E0%A4%A', {}, undefined],
    ['page: traversal', request, 'GET', '/_next/static/..%2F..%2Fpackage.json', {}, undefined],
    ['card: unknown', request, 'GET', '/og/article/nope/0000.png', {}, undefined],
    ['preview card: no session', request, 'GET', `/og/preview/${draft.slug}`, {}, undefined],
  ];
  for (const [what, client, method, path, headers, data] of cases) {
    const response = await client.fetch(path, { method, headers, data, maxRedirects: 0, failOnStatusCode: false });
    const body = await response.text();
    // A forged session cookie is simply no session: 200 with an empty session.
    if (what === 'next-auth: forged session') expect(body).toBe('{}');
    else expect(response.status(), `${what}: ${method} ${path.slice(0, 80)} is refused`).toBeGreaterThanOrEqual(300);
    expect(response.status(), `${what}: not a server error`).toBeLessThan(500);
    expectNoLeak(`${what}: ${method} ${path.slice(0, 80)}`, response.status(), body);
    expectSecurityHeaders(response, what);
  }
  await signedIn.dispose();
});

test('the image optimiser refuses remote sources and SVG with 4xx, and still serves the site’s own raster images', async ({ request }) => {
  const ok = await request.get('/_next/image?url=%2Fimages%2Fcaspian-corridor.jpg&w=640&q=75', { headers: { accept: 'image/webp' } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()['content-type']).toMatch(/^image\//);
  expect(ok.headers()['content-security-policy']).toContain('sandbox');

  const svg = await request.get('/images/icon.svg');
  expect(svg.status(), 'the SVG is served as a file').toBe(200);
  for (const [what, url] of [
    ['an SVG on this site', '/images/icon.svg'],
    ['an SVG elsewhere on this site', '/favicon.svg'],
    ['a remote https image', 'https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg'],
    ['a remote http image', 'http://example.com/a.png'],
    ['a remote SVG', 'https://example.com/a.svg'],
    ['a protocol-relative URL', '//example.com/a.png'],
    ['the local network', 'http://127.0.0.1:5432/'],
    ['a data: SVG', 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>'],
  ] as [string, string][]) {
    const response = await request.get(`/_next/image?url=${encodeURIComponent(url)}&w=64&q=75`);
    expect(response.status(), `${what}: ${url}`).toBeGreaterThanOrEqual(400);
    expect(response.status(), `${what}: ${url}`).toBeLessThan(500);
    expect(response.headers()['content-type'] ?? '', `${what}: nothing drawn`).not.toMatch(/^image\//);
  }
});
