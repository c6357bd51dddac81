import { expect, test } from '@playwright/test';
import { articleBySlug, categories, publishedArticles } from './support/content';
import { SEED_SLUG } from './support/pages';

test.use({ javaScriptEnabled: false });

test('without JavaScript the front page shows the lead story and its link opens the article', async ({ page }) => {
  const [lead] = publishedArticles();
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Eurasian Star: latest stories');
  const headline = page.locator('main article.card--lead').getByRole('link', { name: lead!.title });
  await expect(headline).toBeVisible();
  await expect(page.locator('main article.card--lead .card__dek')).toBeVisible();
  await expect(page.locator('main article.card--lead .card__dek')).toHaveText(lead!.summary);

  await headline.click();
  await expect(page).toHaveURL(`/articles/${lead!.slug}`);
  await expect(page.locator('main h1')).toHaveText(lead!.title);
  await expect(page.locator('main .article__body p').first()).toBeVisible();
});

test('without JavaScript an article is readable and its section link opens the section page', async ({ page }) => {
  const source = articleBySlug(SEED_SLUG);
  await page.goto(`/articles/${SEED_SLUG}`);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main h1')).toHaveText(source.title);
  await expect(page.locator('main .article__dek')).toHaveText(source.summary);
  const body = page.locator('main .article__body');
  await expect(body).toBeVisible();
  await expect(body).toContainText('took place in Brussels on June 5');
  expect((await body.innerText()).length, 'the whole body text is in the page').toBeGreaterThan(1500);

  const category = source.categories[0]!;
  await page.getByRole('list', { name: 'Sections and tags' }).getByRole('link', { name: categories()[category]!.name, exact: true }).click();
  await expect(page).toHaveURL(`/category/${category}`);
  await expect(page.locator('main h1')).toHaveText(categories()[category]!.name);
});

test('without JavaScript a list page lists articles and the site navigation works', async ({ page }) => {
  const expected = publishedArticles().filter((a) => a.categories.includes('eurasia'));
  await page.goto('/category/eurasia');
  await expect(page.locator('main h1')).toHaveText('Eurasia');
  const first = page.locator('main article.card').first().getByRole('link', { name: expected[0]!.title });
  await expect(first).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'Archive' }).click();
  await expect(page).toHaveURL('/archive');
  await expect(page.locator('main h1')).toHaveText('The archive');

  await page.locator('main .archive-years a').first().click();
  await expect(page).toHaveURL(/\/archive\/\d{4}$/);
  await expect(page.locator('main article.card').first()).toBeVisible();

  await nav.getByRole('link', { name: 'Latest' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.locator('main article.card--lead')).toBeVisible();
});
