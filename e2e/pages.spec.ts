import { expect, test, type Page } from '@playwright/test';
import { articleBySlug, authors, categories, PER_PAGE, publishedArticles, tags, yearMonth } from './support/content';
import { BASE_URL, expectStandardHead, listedSlugs, shownCount } from './support/page-helpers';
import { CLOSED_SLUG, HERO_SLUG, RUSSIAN_SLUG, SEED_SLUG, TABLE_SLUG } from './support/pages';

async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers 200`).toBe(200);
  return response!;
}

const h1 = (page: Page) => page.locator('main h1');

test.describe('front page and latest pages', () => {
  test('the front page shows the newest story as the lead, the next ones under "Latest", and links to page 2', async ({ page }) => {
    const published = publishedArticles();
    await open(page, '/');
    await expectStandardHead(page, '/', { home: true });
    await expect(h1(page)).toHaveCount(1);
    await expect(h1(page)).toHaveText('Eurasian Star: latest stories');

    const lead = page.locator('main article.card--lead');
    await expect(lead.getByRole('heading', { level: 2 })).toHaveText(published[0]!.title);
    await expect(lead.getByRole('link', { name: published[0]!.title })).toHaveAttribute('href', `/articles/${published[0]!.slug}`);
    await expect(lead.locator('.card__dek')).toHaveText(published[0]!.summary);

    const latest = page.getByRole('region', { name: 'Latest', exact: true });
    await expect(latest.getByRole('heading', { level: 2, name: 'Latest' })).toBeVisible();
    const expected = published.slice(1, PER_PAGE).map((a) => a.slug);
    expect(await listedSlugs(page, 'main section[aria-labelledby="latest-heading"]')).toEqual(expected);

    if (published.length > PER_PAGE) {
      const pagination = page.getByRole('navigation', { name: 'Pagination' });
      await expect(pagination.getByRole('link', { name: 'Page 2' })).toHaveAttribute('href', '/page/2');
      await expect(pagination.locator('a[rel="next"]')).toHaveAttribute('href', '/page/2');
    }
  });

  test('/page/2 lists the stories after the first page under a "Latest stories" heading', async ({ page }) => {
    const published = publishedArticles();
    test.skip(published.length <= PER_PAGE, 'only one page of stories');
    await open(page, '/page/2');
    await expectStandardHead(page, '/page/2');
    await expect(h1(page)).toHaveText('Latest stories, page 2');
    expect(await listedSlugs(page)).toEqual(published.slice(PER_PAGE, 2 * PER_PAGE).map((a) => a.slug));
    await expect(page.locator('main .page-header .meta')).toContainText(`${published.length} articles`);
  });
});

test.describe('article pages', () => {
  test('an article shows headline, dek, byline, dateline, sections, country tags, reading time, share links, neighbours, comments and related stories', async ({
    page,
  }) => {
    const source = articleBySlug(SEED_SLUG);
    const path = `/articles/${SEED_SLUG}`;
    await open(page, path);
    await expectStandardHead(page, path);
    await expect(page.locator('head meta[property="og:type"]')).toHaveAttribute('content', 'article');

    const article = page.locator('main article.article');
    await expect(h1(page)).toHaveCount(1);
    await expect(article.getByRole('heading', { level: 1 })).toHaveText('EU and Central Asia hold political and security dialogue');
    await expect(article.locator('.article__dek')).toHaveText(source.summary);

    const author = article.locator('.byline').getByRole('link', { name: 'Eurasian Star Staff' });
    await expect(author).toHaveAttribute('href', '/author/staff');
    await expect(article.locator('.byline time[datetime="2024-06-06T09:00:00+02:00"]')).toHaveText('6 June 2024');
    await expect(article.locator('.byline')).toContainText(/\b\d+ min read\b/);

    await expect(article.locator('.article__body p').first()).toContainText('The eleventh round of the annual High-Level Political and Security Dialogue');

    const taxonomy = article.getByRole('list', { name: 'Sections and tags' });
    await expect(taxonomy.getByRole('link', { name: 'Eurasia', exact: true })).toHaveAttribute('href', '/category/eurasia');
    await expect(taxonomy.getByRole('link', { name: 'Geo Politics', exact: true })).toHaveAttribute('href', '/category/geo-politics');
    const tagRegistry = tags();
    for (const code of ['KG', 'KZ', 'TJ', 'TM', 'UZ']) {
      const slug = code.toLowerCase();
      const link = taxonomy.locator(`a[href="/tag/${slug}"]`);
      await expect(link, `tag ${code} links to /tag/${slug}`).toHaveCount(1);
      await expect(link).toHaveText(`${code} · ${tagRegistry[slug]!.country!.name}`);
    }

    const url = encodeURIComponent(`${BASE_URL}${path}`);
    const share = page.getByRole('region', { name: 'Share this article', exact: true });
    const shareTargets: [string, string][] = [
      ['X', 'https://x.com/'],
      ['Facebook', 'https://www.facebook.com/'],
      ['LinkedIn', 'https://www.linkedin.com/'],
      ['Telegram', 'https://t.me/'],
      ['WhatsApp', 'https://wa.me/'],
      ['Email', 'mailto:'],
    ];
    for (const [name, prefix] of shareTargets) {
      const link = share.getByRole('link', { name: `Share on ${name}` });
      await expect(link).toHaveText(name);
      const href = (await link.getAttribute('href'))!;
      expect(href.startsWith(prefix), `${name} share link ${href} goes to ${prefix}`).toBe(true);
      expect(href, `${name} share link carries the encoded article URL`).toContain(url);
    }

    const published = publishedArticles();
    const index = published.findIndex((a) => a.slug === SEED_SLUG);
    const older = published[index + 1];
    const newer = published[index - 1];
    const adjacent = page.getByRole('navigation', { name: 'More stories by date' });
    if (older) {
      await expect(adjacent.locator('a[rel="prev"]')).toHaveAttribute('href', `/articles/${older.slug}`);
      await expect(adjacent.locator('a[rel="prev"]')).toContainText(older.title);
    }
    if (newer) {
      await expect(adjacent.locator('a[rel="next"]')).toHaveAttribute('href', `/articles/${newer.slug}`);
      await expect(adjacent.locator('a[rel="next"]')).toContainText(newer.title);
    }
    expect(older ?? newer, 'the seed article has at least one neighbour').toBeTruthy();

    const comments = page.getByRole('region', { name: 'Comments', exact: true });
    await expect(comments.getByRole('heading', { level: 2, name: 'Comments' })).toBeVisible();
    await expect(comments).toContainText('No comments yet.');

    const related = page.getByRole('region', { name: 'Related stories', exact: true });
    const relatedSlugs = await listedSlugs(page, 'main section.related');
    expect(relatedSlugs.length, 'related stories are listed').toBeGreaterThan(0);
    expect(relatedSlugs).not.toContain(SEED_SLUG);
    const publicSlugs = new Set(published.map((a) => a.slug));
    for (const slug of relatedSlugs) expect(publicSlugs.has(slug), `related story ${slug} is published`).toBe(true);
    await expect(related.getByRole('heading', { name: 'Related stories' })).toBeVisible();
  });

  test('an article with a hero image shows it in a figure with its size, caption and credit', async ({ page }) => {
    const source = articleBySlug(HERO_SLUG);
    expect(source.hero, `${HERO_SLUG} has a hero in its front matter`).toBeTruthy();
    const path = `/articles/${HERO_SLUG}`;
    await open(page, path);
    await expectStandardHead(page, path);
    await expect(h1(page)).toHaveText(source.title);

    const figure = page.locator('main article.article figure').first();
    const img = figure.locator('img');
    await expect(img).toHaveAttribute('src', source.hero!.src);
    await expect(img).toHaveAttribute('alt', source.hero!.alt);
    const width = Number(await img.getAttribute('width'));
    const height = Number(await img.getAttribute('height'));
    expect(Number.isInteger(width) && width > 0, `img width="${width}"`).toBe(true);
    expect(Number.isInteger(height) && height > 0, `img height="${height}"`).toBe(true);
    const natural = await img.evaluate(async (el: HTMLImageElement) => {
      await el.decode().catch(() => undefined);
      return { width: el.naturalWidth, height: el.naturalHeight };
    });
    expect(natural, 'width/height attributes are the image file size').toEqual({ width, height });

    const caption = figure.locator('figcaption');
    await expect(caption).toContainText(source.hero!.caption!);
    await expect(caption).toContainText(source.hero!.credit!);
  });

  test('an article with a table and footnotes renders the table and footnote links that point at footnotes on the page', async ({ page }) => {
    const source = articleBySlug(TABLE_SLUG);
    const path = `/articles/${TABLE_SLUG}`;
    await open(page, path);
    await expectStandardHead(page, path);
    await expect(h1(page)).toHaveText(source.title);

    const table = page.locator('main article.article .article__body table');
    await expect(table).toHaveCount(1);
    await expect(table.getByRole('columnheader', { name: 'Country' })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'Astana' })).toBeVisible();

    const refs = page.locator('main article a[data-footnote-ref]');
    expect(await refs.count(), 'footnote references').toBeGreaterThan(0);
    for (const ref of await refs.all()) {
      const href = (await ref.getAttribute('href'))!;
      expect(href, 'footnote references are in-page links').toMatch(/^#./);
      const id = decodeURIComponent(href.slice(1));
      await expect(page.locator(`[id="${id}"]`), `the target of ${href} exists once`).toHaveCount(1);
      await expect(page.locator(`[id="${id}"]`)).not.toBeEmpty();
    }
    await refs.first().click();
    const firstHref = (await refs.first().getAttribute('href'))!;
    await expect(page).toHaveURL(new RegExp(`${firstHref.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}$`));
    await expect(page.locator(`[id="${firstHref.slice(1)}"]`)).toContainText("Turkmenistan's 2022 census");
  });

  test('an article with comments closed says that comments are closed', async ({ page }) => {
    const source = articleBySlug(CLOSED_SLUG);
    expect(source.comments).toBe('closed');
    const path = `/articles/${CLOSED_SLUG}`;
    await open(page, path);
    await expectStandardHead(page, path);
    await expect(h1(page)).toHaveText(source.title);
    const comments = page.getByRole('region', { name: 'Comments', exact: true });
    await expect(comments).toContainText('Comments are closed');
    await expect(comments).not.toContainText('No comments yet');
  });

  test('a Russian article marks its <article> with lang="ru"', async ({ page }) => {
    const source = articleBySlug(RUSSIAN_SLUG);
    expect(source.lang).toBe('ru');
    const path = `/articles/${RUSSIAN_SLUG}`;
    await open(page, path);
    await expectStandardHead(page, path);
    const article = page.locator('main article.article');
    await expect(article).toHaveAttribute('lang', 'ru');
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(source.title);
    await expect(article.locator('.article__body')).toContainText('Каждое лето в Центральной Азии');
  });
});

test.describe('listing pages', () => {
  test('a category page lists the published articles in that category', async ({ page }) => {
    const expected = publishedArticles().filter((a) => a.categories.includes('eurasia'));
    await open(page, '/category/eurasia');
    await expectStandardHead(page, '/category/eurasia');
    await expect(h1(page)).toHaveText(categories().eurasia!.name);
    await expect(page.locator('main .page-header')).toContainText(categories().eurasia!.description);
    expect(await shownCount(page)).toBe(expected.length);
    expect(await listedSlugs(page)).toEqual(expected.slice(0, PER_PAGE).map((a) => a.slug));
  });

  test('a country tag page names the country and lists the published articles tagged with it', async ({ page }) => {
    const expected = publishedArticles().filter((a) => a.tags.includes('kg'));
    await open(page, '/tag/kg');
    await expectStandardHead(page, '/tag/kg');
    await expect(h1(page)).toHaveText('Kyrgyzstan (KG)');
    expect(await shownCount(page)).toBe(expected.length);
    expect(await listedSlugs(page)).toEqual(expected.slice(0, PER_PAGE).map((a) => a.slug));
  });

  test('an author page shows the bio and lists the published articles by that author', async ({ page }) => {
    const expected = publishedArticles().filter((a) => a.author === 'aigerim-sadykova');
    await open(page, '/author/aigerim-sadykova');
    await expectStandardHead(page, '/author/aigerim-sadykova');
    await expect(h1(page)).toHaveText('Aigerim Sadykova');
    await expect(page.locator('main .page-header')).toContainText(authors()['aigerim-sadykova']!.bio);
    expect(await shownCount(page)).toBe(expected.length);
    expect(await listedSlugs(page)).toEqual(expected.slice(0, PER_PAGE).map((a) => a.slug));
  });

  test('the archive index lists every year and month with published articles and their counts', async ({ page }) => {
    await open(page, '/archive');
    await expectStandardHead(page, '/archive');
    await expect(h1(page)).toHaveText('The archive');
    const years = new Map<string, number>();
    const months = new Map<string, number>();
    for (const a of publishedArticles()) {
      const { year, month } = yearMonth(a.date);
      years.set(year, (years.get(year) ?? 0) + 1);
      months.set(`${year}/${month}`, (months.get(`${year}/${month}`) ?? 0) + 1);
    }
    const yearLinks = page.locator('main .archive-years > li > h2');
    await expect(yearLinks).toHaveCount(years.size);
    for (const [year, count] of years) {
      const heading = page.locator('main .archive-years > li > h2', { has: page.locator(`a[href="/archive/${year}"]`) });
      await expect(heading, `year ${year}`).toHaveText(`${year} (${count})`);
    }
    await expect(page.locator('main .archive-months a')).toHaveCount(months.size);
    for (const [ym, count] of months) {
      const item = page.locator('main .archive-months li', { has: page.locator(`a[href="/archive/${ym}"]`) });
      await expect(item, `month ${ym}`).toContainText(`(${count})`);
    }
  });

  test('an archive year page lists that year’s published articles', async ({ page }) => {
    const expected = publishedArticles().filter((a) => yearMonth(a.date).year === '2025');
    await open(page, '/archive/2025');
    await expectStandardHead(page, '/archive/2025');
    await expect(h1(page)).toHaveText('2025');
    expect(await shownCount(page)).toBe(expected.length);
    expect(await listedSlugs(page)).toEqual(expected.slice(0, PER_PAGE).map((a) => a.slug));
  });

  test('an archive month page lists that month’s published articles', async ({ page }) => {
    const expected = publishedArticles().filter((a) => {
      const { year, month } = yearMonth(a.date);
      return year === '2025' && month === '03';
    });
    await open(page, '/archive/2025/03');
    await expectStandardHead(page, '/archive/2025/03');
    await expect(h1(page)).toHaveText('March 2025');
    expect(await shownCount(page)).toBe(expected.length);
    expect(await listedSlugs(page)).toEqual(expected.slice(0, PER_PAGE).map((a) => a.slug));
  });
});

test.describe('static pages', () => {
  test('the about page introduces the publication and links to every writer', async ({ page }) => {
    await open(page, '/about');
    await expectStandardHead(page, '/about');
    await expect(h1(page)).toHaveText('About Eurasian Star');
    for (const [slug, author] of Object.entries(authors())) {
      await expect(page.locator('main').getByRole('link', { name: author.name, exact: true })).toHaveAttribute('href', `/author/${slug}`);
    }
    await expect(page.locator('main a[href^="mailto:"]')).not.toHaveCount(0);
  });

  test('the contact page gives the newsroom e-mail address', async ({ page }) => {
    await open(page, '/contact');
    await expectStandardHead(page, '/contact');
    await expect(h1(page)).toHaveText('Contact the newsroom');
    await expect(page.locator('main').getByRole('link', { name: 'newsroom@eurasianstar.example' })).toHaveAttribute(
      'href',
      'mailto:newsroom@eurasianstar.example',
    );
  });
});
