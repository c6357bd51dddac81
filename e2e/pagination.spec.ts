import { expect, test } from '@playwright/test';
import { PER_PAGE, publishedArticles } from './support/content';
import { BASE_URL, listedSlugs } from './support/page-helpers';

const expectedPages = () => Math.max(1, Math.ceil(publishedArticles().length / PER_PAGE));

test('the front page links to /page/2 as the next page', async ({ page }) => {
  test.skip(expectedPages() < 2, 'only one page of stories');
  await page.goto('/');
  const pagination = page.getByRole('navigation', { name: 'Pagination' });
  await expect(pagination.locator('a[rel="next"]')).toHaveAttribute('href', '/page/2');
  await expect(pagination.getByRole('link', { name: 'Page 2' })).toHaveAttribute('href', '/page/2');
  await expect(pagination.locator('[aria-current="page"]')).toHaveText('1');
  await expect(pagination.locator('a[rel="prev"]')).toHaveCount(0);
});

test('/page/2 lists the articles after the first page and links back to the front page', async ({ page }) => {
  test.skip(expectedPages() < 2, 'only one page of stories');
  const published = publishedArticles();
  const response = await page.goto('/page/2');
  expect(response?.status()).toBe(200);
  expect(await listedSlugs(page)).toEqual(published.slice(PER_PAGE, 2 * PER_PAGE).map((a) => a.slug));

  const pagination = page.getByRole('navigation', { name: 'Pagination' });
  await expect(pagination.locator('a[rel="prev"]')).toHaveAttribute('href', '/');
  await expect(pagination.getByRole('link', { name: 'Page 1' })).toHaveAttribute('href', '/');
  await expect(pagination.locator('[aria-current="page"]')).toHaveText('2');
  if (expectedPages() === 2) await expect(pagination.locator('a[rel="next"]')).toHaveCount(0);

  await pagination.locator('a[rel="prev"]').click();
  await expect(page).toHaveURL('/');
});

test('following "Older" from the front page visits every published article exactly once', async ({ page }) => {
  const published = publishedArticles();
  const seen: string[] = [];
  const visited: string[] = [];
  let path: string | null = '/';
  while (path && visited.length <= expectedPages() + 1) {
    visited.push(path);
    const response = await page.goto(path);
    expect(response?.status(), `${path} answers 200`).toBe(200);
    seen.push(...(await listedSlugs(page)));
    const next = page.locator('nav[aria-label="Pagination"] a[rel="next"]');
    path = (await next.count()) > 0 ? await next.getAttribute('href') : null;
  }
  expect(visited, 'one list page per PER_PAGE articles').toHaveLength(expectedPages());
  expect(new Set(seen).size, `no article is listed twice: ${seen.join(', ')}`).toBe(seen.length);
  expect([...seen].sort()).toEqual(published.map((a) => a.slug).sort());
  expect(seen, 'newest first across pages').toEqual(published.map((a) => a.slug));
});

test('/page/1 permanently redirects (308) to the front page', async ({ request }) => {
  const response = await request.get('/page/1', { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(new URL(response.headers()['location']!, BASE_URL).pathname).toBe('/');
});

test('page 1 of a category permanently redirects (308) to the category', async ({ request }) => {
  const response = await request.get('/category/eurasia/page/1', { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(new URL(response.headers()['location']!, BASE_URL).pathname).toBe('/category/eurasia');
});

test('a page number past the last page answers 404', async ({ request }) => {
  const response = await request.get('/page/99');
  expect(response.status()).toBe(404);
  const last = await request.get(`/page/${expectedPages() + 1}`);
  expect(last.status(), `/page/${expectedPages() + 1} is one past the last page`).toBe(404);
});
