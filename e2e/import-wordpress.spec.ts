/**
 * Moving a WordPress site (README "Moving from WordPress"): against a copy of the production build served by its own
 * server, `npm run import:wordpress` brings in WordPress's theme unit test export and a small export with Cyrillic
 * slugs, a deep thread and every status (with its uploads folder), `npm run publish` puts it live without a restart,
 * and a reader's browser then sees the posts, the threads and the captions, old addresses answer 301, and nothing
 * that was a draft, pending, private, password-protected, scheduled or binned in WordPress is public.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ROOT } from './support/content';
import { type Site, startSite } from '../lib/testing/server';
import { copySite, type SiteCopy } from '../lib/testing/site-copy';

test.describe.configure({ mode: 'serial' });

const THEME = path.resolve(ROOT, '../shared/fixtures/wordpress/themeunittestdata.wordpress.xml');
const OWN = path.join(ROOT, 'lib/import/wordpress/fixtures/central-asia.xml');
const UPLOADS = path.join(ROOT, 'lib/import/wordpress/fixtures/uploads');
const VODA = '/articles/vodnye-resursy-syrdari';

let site: SiteCopy;
let server: Site;
let base: string;
let api: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  site = copySite('import');
  server = await startSite({ cwd: site.root, env: { TRUST_PROXY: '0', CONTENT_DIR: site.contentDir } });
  base = `http://127.0.0.1:${server.port}`;
  api = await playwright.request.newContext({ baseURL: base, maxRedirects: 0 });
});
test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
  site?.remove();
});

/** An npm script of this repository run in the copy's folder (so public/ is the copy's), as an operator runs it. */
function script(name: string, ...args: string[]): { code: number | null; output: string } {
  const result = spawnSync('npx', ['tsx', path.join(ROOT, 'scripts', `${name}.ts`), ...args], {
    cwd: site.root,
    env: { ...process.env, CONTENT_DIR: site.contentDir, DATA_DIR: server.dataDir, SITE_ORIGIN: base },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
const status = async (p: string) => (await api.get(p)).status();
const location = async (p: string) => {
  const response = await api.get(p);
  return `${response.status()} ${response.headers().location ?? ''}`;
};

test('both exports import, and one npm run publish puts them live with their redirect table, without a restart', async () => {
  expect(await location('/?p=10')).toBe('200 ');
  const theme = script('import-wordpress', THEME);
  expect(theme.code, theme.output).toBe(0);
  expect(theme.output).toContain('articles: 79 imported (published 76, scheduled 1, draft 2; posts 58, pages 21)');
  const own = script('import-wordpress', OWN, '--uploads', UPLOADS);
  expect(own.code, own.output).toBe(0);
  expect(own.output).toContain('media: 2 copied');
  expect(await status(VODA)).toBe(404);
  const publish = script('publish');
  expect(publish.code, publish.output).toBe(0);
  expect(publish.output).toMatch(/\d+ added/);
  expect(await status(VODA)).toBe(200);
});

test('old addresses answer one 301 to the new ones: permalinks, ?p=, Cyrillic percent-encoded, categories, tags, authors, feeds', async () => {
  const cases: [string, string][] = [
    ['/2013/01/11/markup-html-tags-and-formatting/', '/articles/markup-html-tags-and-formatting'],
    ['/markup-html-tags-and-formatting/', '/articles/markup-html-tags-and-formatting'],
    ['/?p=10', VODA],
    ['/2024/05/09/%D0%B2%D0%BE%D0%B4%D0%BD%D1%8B%D0%B5-%D1%80%D0%B5%D1%81%D1%83%D1%80%D1%81%D1%8B-%D1%81%D1%8B%D1%80%D0%B4%D0%B0%D1%80%D1%8C%D0%B8/', VODA],
    ['/2024/05/09/%d0%b2%d0%be%d0%b4%d0%bd%d1%8b%d0%b5-%d1%80%d0%b5%d1%81%d1%83%d1%80%d1%81%d1%8b-%d1%81%d1%8b%d1%80%d0%b4%d0%b0%d1%80%d1%8c%d0%b8/', VODA],
    ['/about/team/', '/articles/team'],
    ['/?page_id=31', '/articles/team'],
    ['/category/eurasia/water/', '/category/water'],
    ['/category/water/feed/', '/category/water/feed.xml'],
    ['/tag/uzb/', '/tag/uz'],
    ['/author/aziz/', '/author/aziz'],
    ['/author/aziz/feed/', '/author/aziz'],
  ];
  for (const [old, target] of cases) expect(await location(old), old).toBe(`301 ${target}`);
  expect(await location('/feed/')).toBe('301 /feed.xml');
  // What the site serves itself is never redirected.
  expect(await status('/about')).toBe(200);
});

test('in Chromium, an old link lands on the article, its caption, local images and the deep thread', async ({ page }) => {
  const response = await page.goto(`${base}/?p=10`);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe(VODA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Водные ресурсы Сырдарьи: кто получит воду летом');
  await expect(page.locator('article em', { hasText: 'Registan square in Samarkand' })).toBeVisible();
  const image = page.locator('img[src="/images/wp/2024/05/registan.png"]').first();
  await expect(image).toBeVisible();
  // Lazy-loaded: in view, the browser fetches it from the copy's public/images/wp.
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1))).toBe(40);
  const file = await api.get('/images/wp/2024/05/aral-sea.jpg');
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/jpeg');
  // The thread was 8 deep in WordPress: every reply is shown, none deeper than the site's 5 levels.
  await expect(page.getByText('Level 8 of the Syr Darya thread')).toBeVisible();
  const depth5 = 'ol.comment-list:not(.comment-list--replies) > li.comment' + ' > ol.comment-list--replies > li.comment'.repeat(4);
  await expect(page.locator(depth5)).toHaveCount(4);
  await expect(page.locator(`${depth5} > ol.comment-list--replies`)).toHaveCount(0);
  const body = await page.content();
  for (const hidden of ['Buy cheap pills', 'A binned comment', 'Reader 122', 'Pingback from elsewhere', '@mail.example', '198.51.100', 'document.title', 'onclick']) {
    expect(body, hidden).not.toContain(hidden);
  }
  expect(await page.title()).not.toBe('pwned');
});

test('in Chromium, the theme data’s posts, threads and captions are there', async ({ page }) => {
  await page.goto(`${base}/articles/markup-html-tags-and-formatting`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Markup: HTML Tags and Formatting');
  await page.goto(`${base}/articles/post-format-image-caption`);
  await expect(page.locator('article em', { hasText: 'Bell on wharf in San Francisco' })).toBeVisible();
  await page.goto(`${base}/articles/template-comments`);
  await expect(page.locator('.comment-list--replies .comment').first()).toBeVisible();
  expect(await page.locator('li.comment').count()).toBe(19);
});

test('nothing that was not public in WordPress is public here', async () => {
  for (const slug of ['aral-draft', 'pending-post', 'private-note', 'members-only', 'rogun-decision', 'future-past', 'binned-post', 'draft', 'scheduled', 'template-password-protected']) {
    expect(await status(`/articles/${slug}`), slug).toBe(404);
  }
  const markers = ['zzdrafttext', 'zzpendingtext', 'zzprivatetext', 'zztrashtext', 'zzpasswordtext', 'zzscheduledtext', 'zzfuturepasttext', 'zzautodrafttext', 'zzrevisiontext'];
  const outputs = await Promise.all(['/', '/feed.xml', '/feed.json', '/sitemap.xml', '/category/uncategorized', '/author/aziz'].map(async (p) => (await api.get(p)).text()));
  for (const marker of markers) {
    for (const text of outputs) expect(text, marker).not.toContain(marker);
    const found = (await (await api.get(`/api/search?q=${marker}`)).json()) as { results: unknown[] };
    expect(found.results, marker).toEqual([]);
  }
  const listed = (await (await api.get(`/api/comments?article=vodnye-resursy-syrdari`)).text());
  expect(listed).toContain('Level 1 of the Syr Darya thread');
  expect(listed).not.toMatch(/@mail\.example|203\.0\.113|198\.51\.100|ip_hash|ip_prefix/);
});

test('importing the same exports again changes nothing', async () => {
  const again = script('import-wordpress', OWN, '--uploads', UPLOADS);
  expect(again.code, again.output).toBe(0);
  expect(again.output).toContain('0 new, 0 updated, 0 overwritten, 11 unchanged, 0 conflicts');
  expect(again.output).toContain('comments: 0 imported (none), 11 already in the store');
  expect(again.output).toContain('(0 new)');
});
