/**
 * Search: results rendered on the server from the build's index, the same with and without JavaScript;
 * ranking and language-aware matching; friendly answers to junk; nothing unpublished is findable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { articleBySlug, articleWithMarker, DRAFT_MARKER, hiddenArticles, NEXT_DIR, publishedArticles, SCHEDULED_MARKER } from './support/content';
import { RUSSIAN_SLUG } from './support/pages';

const TURKMEN = 'galkynys-gas-turkmenistan-uzbekistan';

/** Slugs of the results on the page, in order. */
async function resultSlugs(page: Page): Promise<string[]> {
  return page.locator('.search-results .card__title a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.replace('/articles/', '')));
}

async function searchFor(page: Page, query: string): Promise<string[]> {
  const response = await page.goto(`/search?${new URLSearchParams({ q: query })}`);
  expect(response?.status()).toBe(200);
  return resultSlugs(page);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the masthead search box on every page submits to /search and the server answers', async ({ page }) => {
    await page.goto(`/articles/${RUSSIAN_SLUG}`);
    const box = page.getByRole('search', { name: 'Site search' }).getByRole('searchbox', { name: 'Search articles' });
    await box.fill('ozbekiston');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=ozbekiston$/);
    expect(await resultSlugs(page)).toEqual([TURKMEN]);
    // The match is marked in the original spelling, in the title and in a snippet of the body.
    await expect(page.locator('.search-results mark').first()).toHaveText('Oʻzbekiston');
    await expect(page.locator('.search-result__snippet mark').first()).toHaveText('Oʻzbekiston');
    await expect(page.locator('.search-results time')).toHaveAttribute('datetime', articleBySlug(TURKMEN).date);
  });

  test('case and diacritics do not matter: Turkmenistan finds Türkmenistan', async ({ page }) => {
    expect(await searchFor(page, 'TURKMENISTAN')).toContain(TURKMEN);
    expect(await searchFor(page, "o'zbekiston galkynys")).toEqual([TURKMEN]);
  });

  test('Cyrillic queries find the Russian article, whatever the case ending', async ({ page }) => {
    expect(await searchFor(page, 'Казахстан')).toEqual([RUSSIAN_SLUG]);
    expect(await searchFor(page, 'сырдарьи')).toEqual([RUSSIAN_SLUG]);
    await expect(page.locator('.search-results article')).toHaveAttribute('lang', 'ru');
  });

  test('English word forms match by stem: railways finds the railway article', async ({ page }) => {
    expect(await searchFor(page, 'railways')).toContain('china-kyrgyzstan-uzbekistan-railway');
  });

  test('articles with the words in the title rank above articles with them only in the body', async ({ page }) => {
    for (const query of ['uranium', 'Rogun', 'railway']) {
      const slugs = await searchFor(page, query);
      expect(slugs.length, `${query} matches more than one article`).toBeGreaterThan(1);
      const inTitle = slugs.map((slug) => articleBySlug(slug).title.toLowerCase().includes(query.toLowerCase()));
      expect(inTitle[0], `the first result for ${query} has it in the title`).toBe(true);
      expect(inTitle.indexOf(false), `title matches come first for ${query}`).toBeGreaterThan(inTitle.lastIndexOf(true));
    }
  });

  test('results are paged ten at a time, with links to the next and previous pages', async ({ page }) => {
    // No single word is in more than ten of the site's articles yet; a query with an unknown word falls back to any of its words.
    const first = await searchFor(page, 'Asia Kazakhstan zzqx');
    expect(first).toHaveLength(10);
    const status = await page.locator('.search-status').textContent();
    expect(status).toContain('No article has all of those words.');
    const total = Number(/(\d+) articles match some of them/.exec(status ?? '')?.[1]);
    expect(total).toBeGreaterThan(10);
    await page.getByRole('link', { name: 'Next →' }).click();
    await expect(page).toHaveURL(/\/search\?q=Asia\+Kazakhstan\+zzqx&page=2$/);
    const second = await resultSlugs(page);
    expect(second).toHaveLength(total - 10);
    expect(second.filter((slug) => first.includes(slug))).toEqual([]);
    await expect(page.locator('.search-results')).toHaveAttribute('start', '11');
    await page.getByRole('link', { name: '← Previous' }).click();
    expect(await resultSlugs(page)).toEqual(first);
  });

  test('empty, junk, huge and hostile queries get a friendly page, never an error', async ({ page }) => {
    await searchFor(page, '');
    await expect(page.locator('.search-status')).toContainText('Search every article');
    await searchFor(page, '!!! ??? ***');
    await expect(page.locator('.search-status')).toContainText('has no words we can search for');
    await searchFor(page, 'the of and');
    await expect(page.locator('.search-status')).toContainText('has no words we can search for');
    expect(await searchFor(page, 'zzqxnothing')).toEqual([]);
    await expect(page.locator('.search-status')).toContainText('No articles match “zzqxnothing”');
    expect(await searchFor(page, 'water '.repeat(2000))).not.toHaveLength(0);
    await expect(page.locator('h1')).toHaveText(/^Results for “water( water)*”$/);
    expect((await page.locator('h1').textContent())!.length).toBeLessThan(230);
    for (const junk of ['/search?q=%00%01%02', '/search?q=a&q=b&page=-1', '/search?page=abc&q=water', '/search?q=%F0%9F%98%80%E2%80%AE', '/search?q=water&page=9999']) {
      const response = await page.goto(junk);
      expect(response?.status(), junk).toBe(200);
    }
    await expect(page.locator('.search-status')).toContainText('there is no page 9999');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await searchFor(page, '<script>alert(1)</script><img src=x onerror=alert(2)>');
    await expect(page.locator('h1')).toContainText('<script>alert(1)</script>');
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('search pages ask not to be indexed', async ({ page }) => {
    await searchFor(page, 'water');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  });
});

test.describe('with JavaScript', () => {
  test('results follow the words as they are typed, from the same index, without loading a new page', async ({ page }) => {
    await page.goto('/search');
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    const box = page.getByRole('searchbox', { name: 'Search articles' }).last();
    await box.pressSequentially('ozbek', { delay: 40 });
    await expect.poll(() => resultSlugs(page)).toEqual([TURKMEN]);
    await expect(page).toHaveURL(/\/search\?q=ozbek$/);
    await box.fill('Казахстан');
    await expect.poll(() => resultSlugs(page)).toEqual([RUSSIAN_SLUG]);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    // The typed answer and the server's answer for the same words are the same: text, links and marks.
    const answer = () =>
      page.locator('.search-answer').evaluate((el) => ({
        text: el.textContent,
        links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        marks: [...el.querySelectorAll('mark')].map((m) => m.textContent),
      }));
    const typed = await answer();
    expect(typed.marks.length).toBeGreaterThan(0);
    await page.reload();
    expect(await answer()).toEqual(typed);
  });

  test('the JSON API answers like the page and refuses a bad page number with the error shape', async ({ request }) => {
    const ok = await request.get('/api/search?q=Turkmenistan');
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { total: number; results: { slug: string; title: { text: string; mark?: boolean }[] }[] };
    expect(body.results.map((r) => r.slug)).toContain(TURKMEN);
    expect(body.results.find((r) => r.slug === TURKMEN)!.title.filter((s) => s.mark).map((s) => s.text)).toEqual(['Türkmenistan']);
    const bad = await request.get('/api/search?q=water&page=abc');
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input', fields: { page: expect.any(String) } } });
  });
});

test.describe('nothing unpublished is findable', () => {
  for (const marker of [DRAFT_MARKER, SCHEDULED_MARKER]) {
    test(`the ${marker} article is not in the index, the page or the API`, async ({ page, request }) => {
      const article = articleWithMarker(marker);
      const titleWords = article.title.split(/\s+/).slice(0, 6).join(' ');
      for (const query of [marker, titleWords, article.slug.replace(/-/g, ' ')]) {
        const api = (await (await request.get(`/api/search?${new URLSearchParams({ q: query })}`)).json()) as { results: { slug: string }[] };
        expect(api.results.map((r) => r.slug), query).not.toContain(article.slug);
        expect(await searchFor(page, query), query).not.toContain(article.slug);
        expect(await page.locator(`main a[href*="${article.slug}"]`).count(), query).toBe(0);
        if (query === marker) await expect(page.locator('.search-status')).toContainText('No articles match');
      }
    });
  }

  test('the index file the build wrote holds every published article and no hidden one', () => {
    const file = fs.readFileSync(path.join(NEXT_DIR, 'search-index.json'), 'utf8');
    const stored = JSON.parse(file) as { buildId: string; articles: number };
    expect(stored.buildId).toBe(fs.readFileSync(path.join(NEXT_DIR, 'BUILD_ID'), 'utf8').trim());
    expect(stored.articles).toBe(publishedArticles().length);
    for (const article of publishedArticles()) expect(file, article.slug).toContain(`"${article.slug}"`);
    for (const article of hiddenArticles()) expect(file, article.slug).not.toContain(`"${article.slug}"`);
    expect(file).not.toContain(DRAFT_MARKER.toLowerCase());
    expect(file).not.toContain(SCHEDULED_MARKER.toLowerCase());
  });
});
