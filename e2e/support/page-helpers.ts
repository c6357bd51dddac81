import { expect, type Page } from '@playwright/test';

import { BASE_URL } from './site-under-test';

export { BASE_URL };

/** Slugs of the article cards listed in <main> (lead story and lists; not links inside article bodies). */
export async function listedSlugs(page: Page, scope = 'main'): Promise<string[]> {
  const hrefs = await page
    .locator(`${scope} article.card :is(h2, h3) > a[href^="/articles/"]`)
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.replace(/^\/articles\//, ''));
}

/** The "N articles" count a listing page shows in its header. */
export async function shownCount(page: Page): Promise<number> {
  const text = await page.locator('main .page-header .meta').innerText();
  const match = /^(\d+) articles?\b/.exec(text.trim());
  expect(match, `listing count text "${text}" should start with "N article(s)"`).not.toBeNull();
  return Number(match![1]);
}

/** Canonical form of an absolute URL ("http://host" and "http://host/" are the same address). */
export const normalizeUrl = (url: string) => new URL(url).href;

/** <html lang="en">, a title, a description, a canonical link to `path` and Open Graph basics. */
export async function expectStandardHead(page: Page, path: string, { home = false } = {}): Promise<void> {
  const expectedUrl = normalizeUrl(`${BASE_URL}${path}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const title = await page.title();
  if (home) expect(title, 'the front page title names the site first').toMatch(/^Eurasian Star — \S/);
  else expect(title, 'page titles end with the site name').toMatch(/\S — Eurasian Star$/);

  const description = await page.locator('head meta[name="description"]').getAttribute('content');
  expect(description?.trim(), 'meta description').toBeTruthy();

  const canonical = page.locator('head link[rel="canonical"]');
  await expect(canonical).toHaveCount(1);
  expect(normalizeUrl((await canonical.getAttribute('href'))!), 'canonical URL').toBe(expectedUrl);

  const ogTitle = await page.locator('head meta[property="og:title"]').getAttribute('content');
  expect(ogTitle?.trim(), 'og:title').toBeTruthy();
  const ogUrl = await page.locator('head meta[property="og:url"]').getAttribute('content');
  expect(ogUrl, 'og:url').toBeTruthy();
  expect(normalizeUrl(ogUrl!), 'og:url equals the canonical URL').toBe(expectedUrl);
}
