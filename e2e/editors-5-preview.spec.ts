/**
 * Draft preview (Next.js draft mode) for editors: /api/draft needs a session, redirects only to the
 * article's own path, the preview is private, uncached and unindexed, "Leave preview" ends it, and
 * the draft-mode cookie alone shows nothing. An editor previewing never changes what anonymous
 * readers get (the tests interleave both).
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page, type Response } from '@playwright/test';
import { createReviewToken } from '../lib/auth/review-link';
import { formatDateTime } from '../lib/format';
import { articleWithMarker, authors, DRAFT_MARKER, SCHEDULED_MARKER } from './support/content';
import {
  closeEditorsDatabase,
  createEditor,
  fetchFollowingRsc,
  openDesk,
  PREVIEW_COOKIE,
  previewCookie,
  SESSION_COOKIE,
  sessionCookie,
  setsPreviewCookie,
  signInAs,
  type EditorAccount,
} from './support/editors';
import { BASE_URL } from './support/page-helpers';
import { TABLE_SLUG } from './support/pages';

const draft = articleWithMarker(DRAFT_MARKER);
const scheduled = articleWithMarker(SCHEDULED_MARKER);
/** A published article, only read here. */
const PUBLISHED = TABLE_SLUG;

let editor: EditorAccount;

test.beforeAll(async () => {
  expect(draft.status).toBe('draft');
  expect(Date.parse(scheduled.date), 'the scheduled article is still in the future').toBeGreaterThan(Date.now());
  editor = await createEditor('Preview Editor');
});
test.afterAll(closeEditorsDatabase);

const banner = (page: Page) => page.getByRole('complementary', { name: 'Preview' });

/** Signs the page's context in and turns preview on for `slug` through /api/draft, as the desk's Preview link does. */
async function startPreview(page: Page, slug: string): Promise<Response> {
  const response = await page.goto(`/api/draft?slug=${slug}`);
  expect(response?.status(), `preview of ${slug}`).toBe(200);
  expect(page.url()).toBe(`${BASE_URL}/articles/${slug}`);
  expect(response!.request().redirectedFrom()?.url(), 'reached through the /api/draft redirect').toContain('/api/draft?slug=');
  return response!;
}

/** An editor's browser context, signed in. */
async function editorContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await signInAs(context.request, editor);
  return { context, page: await context.newPage() };
}

async function expectNotFound(page: Page, slug: string, why: string): Promise<void> {
  const response = await page.goto(`/articles/${slug}`);
  expect(response?.status(), `${slug}: ${why}`).toBe(404);
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await expect(banner(page)).toHaveCount(0);
}

async function expectPublicArticle(page: Page, slug: string): Promise<void> {
  const response = await page.goto(`/articles/${slug}`);
  expect(response?.status(), slug).toBe(200);
  await expect(banner(page), `${slug}: the public version, no preview banner`).toHaveCount(0);
  expect(response!.headers()['cache-control'] ?? '', `${slug}: the public, cacheable page`).not.toMatch(/private|no-store/);
  await expect(page.locator('head meta[name="robots"][content*="noindex"]')).toHaveCount(0);
}

async function expectPreview(page: Page, response: Response, article: typeof draft, says: string): Promise<void> {
  await expect(banner(page)).toContainText('Preview — not published.');
  await expect(banner(page)).toContainText(says);
  await expect(banner(page).getByRole('link', { name: 'Leave preview' })).toHaveAttribute('href', /^\/api\/draft\/disable(\?|$)/);
  await expect(page.locator('main h1')).toHaveText(article.title);
  await expect(page.locator('main')).toContainText(article.slug === draft.slug ? DRAFT_MARKER : SCHEDULED_MARKER);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const cacheControl = response.headers()['cache-control'] ?? '';
  expect(cacheControl, 'Cache-Control of the preview').toMatch(/private/);
  expect(cacheControl, 'Cache-Control of the preview').toMatch(/no-store/);
}

test('GET /api/draft without a session answers 401 and sets no draft-mode cookie', async ({ request, page }) => {
  for (const slug of [draft.slug, scheduled.slug, PUBLISHED, 'no-such-article']) {
    for (const headers of [{}, { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' }, { RSC: '1', 'Next-Router-Prefetch': '1' }] as Record<string, string>[]) {
      // With RSC: 1, Next first answers 307 to the same URL plus _rsc= (no handler ran): followed once.
      const first = await request.get(`/api/draft?slug=${slug}`, { headers, maxRedirects: 0 });
      expect(setsPreviewCookie(first), `${slug} ${JSON.stringify(headers)}: no ${PREVIEW_COOKIE} cookie`).toBe(false);
      const { statuses, response } = await fetchFollowingRsc(request, `/api/draft?slug=${slug}`, { method: 'GET', headers });
      expect(response.status(), `${slug} ${JSON.stringify(headers)}: ${statuses.join(' → ')}`).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      expect(setsPreviewCookie(response), `${slug} ${JSON.stringify(headers)}: no ${PREVIEW_COOKIE} cookie`).toBe(false);
    }
  }
  const response = await page.goto(`/api/draft?slug=${draft.slug}`);
  expect(response?.status()).toBe(401);
  expect(await previewCookie(page.context())).toBeUndefined();
  await expectNotFound(page, draft.slug, 'still hidden');
});

test('with a session, an unknown or malformed slug is 404 without a cookie, and a real one redirects (307) to its own path only', async ({ playwright }) => {
  const request: APIRequestContext = await playwright.request.newContext({ baseURL: BASE_URL });
  await signInAs(request, editor);
  for (const slug of ['no-such-article', '../etc/passwd', 'https://evil.example', '//evil.example', '', `${draft.slug}/../x`, draft.slug.toUpperCase()]) {
    const response = await request.get(`/api/draft?slug=${encodeURIComponent(slug)}`, { maxRedirects: 0 });
    expect(response.status(), `slug "${slug}"`).toBe(404);
    expect(setsPreviewCookie(response), `slug "${slug}": no cookie`).toBe(false);
  }

  const tricks = 'redirect=https://evil.example&to=//evil.example&callbackUrl=https://evil.example&next=https://evil.example';
  for (const article of [draft, scheduled]) {
    const response = await request.get(`/api/draft?slug=${article.slug}&${tricks}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['location'], 'the path from content, never from the request').toBe(`/articles/${article.slug}`);
    expect(setsPreviewCookie(response)).toBe(true);
    const cookie = response.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${PREVIEW_COOKIE}=`))!.value;
    expect(cookie).toMatch(/HttpOnly/i);
  }

  // Leaving preview only ever sends the browser to a path on this site.
  for (const to of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    const response = await request.get(`/api/draft/disable?to=${encodeURIComponent(to)}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['location'], to).toBe('/editor');
  }
  await request.dispose();
});

test('an editor previews the draft: banner, Leave preview link, noindex, Cache-Control private/no-store, the text on disk', async ({ page }) => {
  await signInAs(page.context().request, editor);
  await expectNotFound(page, draft.slug, 'a session alone does not turn preview on');
  const response = await startPreview(page, draft.slug);
  await expectPreview(page, response, draft, 'This is a draft.');
  expect((await previewCookie(page.context()))?.httpOnly).toBe(true);
});

test('an editor previews the scheduled article the same way', async ({ page }) => {
  await signInAs(page.context().request, editor);
  await expectNotFound(page, scheduled.slug, 'a session alone does not turn preview on');
  const response = await startPreview(page, scheduled.slug);
  await expectPreview(page, response, scheduled, 'Scheduled for');
});

test('Leave preview ends draft mode: back to the desk, and the draft is 404 again for that browser', async ({ page }) => {
  await signInAs(page.context().request, editor);
  await startPreview(page, draft.slug);
  await banner(page).getByRole('link', { name: 'Leave preview' }).click();
  await expect(page).toHaveURL(`${BASE_URL}/editor`);
  await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
  expect(await previewCookie(page.context()), 'the draft-mode cookie is gone').toBeUndefined();
  expect(await sessionCookie(page.context()), 'still signed in').toBeTruthy();
  await expectNotFound(page, draft.slug, 'after leaving preview');
  await expectNotFound(page, scheduled.slug, 'after leaving preview');
});

test('the draft-mode cookie alone is not authorisation: copied to a browser without the session, or kept after the session ends, the draft is 404', async ({
  browser,
  playwright,
}) => {
  const { context, page } = await editorContext(browser);
  await startPreview(page, draft.slug);
  const cookie = await previewCookie(context);
  expect(cookie, 'preview is on').toBeTruthy();

  // Another browser with only the draft-mode cookie.
  const stranger = await browser.newContext();
  await stranger.addCookies([cookie!]);
  const strangerPage = await stranger.newPage();
  expect(await previewCookie(stranger), 'the stranger holds the cookie').toBeTruthy();
  await expectNotFound(strangerPage, draft.slug, 'draft-mode cookie without a session');
  await expectNotFound(strangerPage, scheduled.slug, 'draft-mode cookie without a session');
  await expectArticleWithoutBanner(strangerPage, PUBLISHED);
  await stranger.close();

  // The same over plain HTTP, with the cookie sent by hand.
  const raw = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { cookie: `${PREVIEW_COOKIE}=${cookie!.value}` } });
  for (const slug of [draft.slug, scheduled.slug]) {
    const response = await raw.get(`/articles/${slug}`);
    expect(response.status(), `${slug} with only the draft-mode cookie`).toBe(404);
    expect(await response.text()).not.toContain(slug === draft.slug ? DRAFT_MARKER : SCHEDULED_MARKER);
  }
  await raw.dispose();

  // The editor's own browser once the session has gone (cookie kept): 404 too.
  await context.clearCookies({ name: SESSION_COOKIE });
  expect(await previewCookie(context), 'the draft-mode cookie is still there').toBeTruthy();
  await expectNotFound(page, draft.slug, 'draft-mode cookie after the session ended');
  await context.close();
});

async function expectArticleWithoutBanner(page: Page, slug: string): Promise<void> {
  const response = await page.goto(`/articles/${slug}`);
  expect(response?.status(), slug).toBe(200);
  await expect(banner(page)).toHaveCount(0);
}

test('while an editor previews, anonymous visitors get 404 for the draft and the public version of published articles', async ({ browser }) => {
  const { context, page: editorPage } = await editorContext(browser);
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();

  const first = await startPreview(editorPage, draft.slug);
  await expectPreview(editorPage, first, draft, 'This is a draft.');
  await expectNotFound(readerPage, draft.slug, 'anonymous, while the editor previews it');

  const again = await editorPage.reload();
  await expectPreview(editorPage, again!, draft, 'This is a draft.');
  await expectPublicArticle(readerPage, PUBLISHED);

  // The editor, still in preview mode, opens the published article; the reader then gets the public one.
  await editorPage.goto(`/articles/${PUBLISHED}`);
  await expectPublicArticle(readerPage, PUBLISHED);
  await expectNotFound(readerPage, scheduled.slug, 'anonymous, while the editor previews');

  const scheduledPreview = await startPreview(editorPage, scheduled.slug);
  await expectPreview(editorPage, scheduledPreview, scheduled, 'Scheduled for');
  await expectNotFound(readerPage, scheduled.slug, 'anonymous, right after the editor’s preview');
  await expectNotFound(readerPage, draft.slug, 'anonymous, still');

  await reader.close();
  await context.close();
});

test('the desk lists drafts and scheduled articles with their date, author and a Preview link that opens the preview', async ({ page }) => {
  await signInAs(page.context().request, editor);
  await openDesk(page);
  const section = page.locator('section[aria-labelledby="drafts-heading"]');
  await expect(section.getByRole('heading', { name: 'Drafts and scheduled articles' })).toBeVisible();

  const draftItem = section.locator('li').filter({ hasText: draft.title });
  await expect(draftItem).toContainText('draft');
  await expect(draftItem).toContainText(`by ${authors()[draft.author]!.name}`);
  await expect(draftItem.getByRole('link', { name: 'Preview' })).toHaveAttribute('href', `/api/draft?slug=${draft.slug}`);

  const scheduledItem = section.locator('li').filter({ hasText: scheduled.title });
  await expect(scheduledItem).toContainText(`scheduled for ${formatDateTime(new Date(scheduled.date).toISOString())}`);
  await expect(scheduledItem).toContainText(`by ${authors()[scheduled.author]!.name}`);
  await expect(scheduledItem.getByRole('link', { name: 'Preview' })).toHaveAttribute('href', `/api/draft?slug=${scheduled.slug}`);

  const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${BASE_URL}/articles/${scheduled.slug}`), scheduledItem.getByRole('link', { name: 'Preview' }).click()]);
  await expect(page).toHaveURL(`${BASE_URL}/articles/${scheduled.slug}`);
  await expectPreview(page, response, scheduled, 'Scheduled for');
});

test('in preview mode a published article is not labelled "not published" or "scheduled"', async ({ page }) => {
  await signInAs(page.context().request, editor);
  await startPreview(page, draft.slug);
  const response = await page.goto(`/articles/${PUBLISHED}`);
  expect(response?.status()).toBe(200);
  const text = (await banner(page).count()) > 0 ? await banner(page).innerText() : '';
  expect(text, 'a published article must not be announced as unpublished').not.toContain('not published');
  expect(text).not.toContain('Scheduled for');
});

test.describe('share for review', () => {
  test('an editor makes a read-only review link that shows the draft to anyone without an account', async ({ page, playwright }) => {
    await signInAs(page.context().request, editor);
    const made = await page.context().request.post('/api/draft/review-link', { data: { slug: draft.slug }, headers: { origin: BASE_URL } });
    expect(made.status()).toBe(201);
    const { url, expiresAt } = (await made.json()) as { url: string; expiresAt: string };
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);

    const reviewer = await playwright.request.newContext({ baseURL: BASE_URL });
    const copy = await reviewer.get(new URL(url).pathname);
    expect(copy.status()).toBe(200);
    const html = await copy.text();
    expect(html).toContain(DRAFT_MARKER);
    expect(html).toContain('Review copy — not published.');
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(html, 'read-only: no comment form').not.toContain('id="respond"');
    expect(copy.headers()['cache-control']).toMatch(/private|no-store/);

    // The link opens that one article only: a tampered token is a 404.
    const token = new URL(url).pathname.split('/').pop()!;
    const [payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ s: scheduled.slug, e: Date.now() + 3_600_000 })).toString('base64url');
    expect((await reviewer.get(`/review/${other}.${signature}`)).status()).toBe(404);
    expect((await reviewer.get(`/review/${payload}.${signature}x`)).status()).toBe(404);
    await reviewer.dispose();
  });

  test('an expired review link is a 404', async ({ request }) => {
    const { token } = createReviewToken(draft.slug, new Date(Date.now() - 49 * 3_600_000));
    const response = await request.get(`/review/${token}`);
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain(DRAFT_MARKER);
  });

  test('making a review link needs an editor session and a same-origin request', async ({ request }) => {
    expect((await request.post('/api/draft/review-link', { data: { slug: draft.slug }, headers: { origin: BASE_URL } })).status()).toBe(401);
  });
});
