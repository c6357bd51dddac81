import { expect, test } from '@playwright/test';
import { publishedArticles } from './support/content';
import { listedSlugs } from './support/page-helpers';

const UNKNOWN_PATHS = [
  '/nope',
  '/articles/nope',
  '/category/nope',
  '/tag/nope',
  '/author/nope',
  '/archive/1999',
  '/archive/2025/13',
  '/page/abc',
];

for (const path of UNKNOWN_PATHS) {
  test(`${path} answers 404 with "Page not found" and the latest stories`, async ({ page, request }) => {
    const head = await request.get(path, { maxRedirects: 0 });
    expect(head.status(), `${path} answers 404 to a plain request (never 500)`).toBe(404);

    const response = await page.goto(path);
    expect(response?.status(), `${path} answers 404 in the browser (never 500)`).toBe(404);
    await expect(page.locator('main h1')).toHaveText('Page not found');
    expect(await page.title()).toBe('Page not found — Eurasian Star');
    const robots = await page.locator('head meta[name="robots"]').evaluateAll((metas) => metas.map((m) => m.getAttribute('content')));
    expect(robots.length, 'the 404 page has a robots meta tag').toBeGreaterThan(0);
    for (const content of robots) expect(content, 'every robots meta tag says noindex').toMatch(/noindex/);

    const latest = page.getByRole('region', { name: 'Latest stories', exact: true });
    await expect(latest.getByRole('heading', { level: 2 })).toHaveText('Latest stories');
    const slugs = await listedSlugs(page, 'main section[aria-labelledby="latest-404"]');
    const newest = publishedArticles().map((a) => a.slug);
    expect(slugs.length, 'the 404 page lists some stories').toBeGreaterThan(0);
    expect(slugs, 'the 404 page lists the newest published stories').toEqual(newest.slice(0, slugs.length));

    await expect(page.locator('main').getByRole('link', { name: 'front page' })).toHaveAttribute('href', '/');
  });
}
