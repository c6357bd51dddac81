import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  allArticles,
  articleWithMarker,
  DRAFT_MARKER,
  NEXT_DIR,
  PER_PAGE,
  publishedArticles,
  SCHEDULED_MARKER,
  type SourceArticle,
  yearMonth,
} from './support/content';
import { anchorHrefs, decodeEntities } from './support/html';
import { BASE_URL, listedSlugs, shownCount } from './support/page-helpers';

const MAX_PAGES = 300;

const draft = articleWithMarker(DRAFT_MARKER);
const scheduled = articleWithMarker(SCHEDULED_MARKER);
const hidden: { what: string; article: SourceArticle; marker: string }[] = [
  { what: 'draft', article: draft, marker: DRAFT_MARKER },
  { what: 'scheduled', article: scheduled, marker: SCHEDULED_MARKER },
];

interface CrawledPage {
  path: string;
  status: number;
  html: string;
  /** Pages that link here. */
  from: string[];
}

/** Breadth-first crawl of every same-origin page linked from `/`, at most MAX_PAGES pages. */
async function crawl(request: APIRequestContext): Promise<{ pages: Map<string, CrawledPage>; truncated: boolean }> {
  const pages = new Map<string, CrawledPage>();
  const queue: { path: string; from: string }[] = [{ path: '/', from: '(start)' }];
  const queued = new Set(['/']);
  const referrers = new Map<string, string[]>([['/', ['(start)']]]);
  while (queue.length > 0 && pages.size < MAX_PAGES) {
    const { path: current } = queue.shift()!;
    const response = await request.get(current);
    const type = response.headers()['content-type'] ?? '';
    const html = type.includes('text/html') ? await response.text() : '';
    pages.set(current, { path: current, status: response.status(), html, from: referrers.get(current)! });
    for (const href of anchorHrefs(html)) {
      let url: URL;
      try {
        url = new URL(href, `${BASE_URL}${current}`);
      } catch {
        continue;
      }
      if (url.origin !== BASE_URL || url.pathname.startsWith('/_next/')) continue;
      const target = url.pathname + url.search;
      referrers.set(target, [...(referrers.get(target) ?? []), current]);
      if (!queued.has(target)) {
        queued.add(target);
        queue.push({ path: target, from: current });
      }
    }
  }
  return { pages, truncated: queue.length > 0 };
}

let crawled: Map<string, CrawledPage>;

test.describe('drafts and scheduled articles stay private', () => {
  test.beforeAll(async ({ playwright }) => {
    expect(draft.status, `the ${DRAFT_MARKER} article is a draft`).toBe('draft');
    expect(scheduled.status, `the ${SCHEDULED_MARKER} article is published…`).toBe('published');
    expect(Date.parse(scheduled.date), '…with a date still in the future').toBeGreaterThan(Date.now());

    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    const result = await crawl(request);
    await request.dispose();
    crawled = result.pages;
    test.info().annotations.push({ type: 'crawl', description: `${crawled.size} pages crawled from /` });
    if (result.truncated) test.info().annotations.push({ type: 'warning', description: `crawl stopped at ${MAX_PAGES} pages` });
  });

  for (const { what, article } of hidden) {
    test(`the ${what} article's address answers 404`, async ({ request, page }) => {
      const response = await request.get(`/articles/${article.slug}`);
      expect(response.status()).toBe(404);
      const body = decodeEntities(await response.text());
      expect(body).not.toContain(article.title);

      const browser = await page.goto(`/articles/${article.slug}`);
      expect(browser?.status()).toBe(404);
      await expect(page.locator('main h1')).toHaveText('Page not found');
    });
  }

  test('the crawl from / reaches every published article and every internal link works', () => {
    const articlePaths = new Set([...crawled.keys()].filter((p) => p.startsWith('/articles/')));
    for (const a of publishedArticles()) expect(articlePaths.has(`/articles/${a.slug}`), `crawl reached ${a.slug}`).toBe(true);
    const broken = [...crawled.values()].filter((p) => p.status !== 200).map((p) => `${p.path} → ${p.status} (linked from ${p.from.slice(0, 3).join(', ')})`);
    expect(broken, `internal links that do not answer 200:\n${broken.join('\n')}`).toEqual([]);
  });

  test('no public page shows the title, summary or marker of the draft or the scheduled article', async ({ request }) => {
    const notFound = await request.get('/no-such-page');
    const pages = [...crawled.values(), { path: '/no-such-page (404 page)', status: notFound.status(), html: await notFound.text(), from: [] }];
    expect(pages.length).toBeGreaterThan(publishedArticles().length);
    const leaks: string[] = [];
    for (const page of pages) {
      const text = decodeEntities(page.html);
      for (const { what, article, marker } of hidden) {
        for (const [label, needle] of [
          ['title', article.title],
          ['summary', article.summary],
          ['marker', marker],
        ] as const) {
          if (text.includes(needle) || page.html.includes(needle)) leaks.push(`${page.path} contains the ${what} article's ${label}`);
        }
      }
    }
    expect(leaks, leaks.join('\n')).toEqual([]);
  });

  test('no public page links to the draft or the scheduled article', () => {
    const links: string[] = [];
    for (const page of crawled.values()) {
      for (const href of anchorHrefs(page.html)) {
        for (const { what, article } of hidden) {
          if (href.includes(`/articles/${article.slug}`)) links.push(`${page.path} links to the ${what} article (${href})`);
        }
      }
      for (const { what, article } of hidden) {
        if (page.html.includes(`/articles/${article.slug}"`) || page.html.includes(`/articles/${article.slug}\\"`)) {
          links.push(`${page.path} mentions the ${what} article's address`);
        }
      }
    }
    expect(links, links.join('\n')).toEqual([]);
  });

  test("authors' article counts include only their published, past articles", async ({ page }) => {
    for (const author of new Set(hidden.map((h) => h.article.author))) {
      const expected = publishedArticles().filter((a) => a.author === author);
      await page.goto(`/author/${author}`);
      expect(await shownCount(page), `count on /author/${author}`).toBe(expected.length);
      expect(await listedSlugs(page)).toEqual(expected.slice(0, PER_PAGE).map((a) => a.slug));
    }
  });

  test('category and tag counts include only published, past articles', async ({ page }) => {
    const published = publishedArticles();
    const categories = new Set(hidden.flatMap((h) => h.article.categories));
    const tags = new Set(hidden.flatMap((h) => h.article.tags));
    const checks = [
      ...[...categories].map((slug) => ({ path: `/category/${slug}`, count: published.filter((a) => a.categories.includes(slug)).length })),
      ...[...tags].map((slug) => ({ path: `/tag/${slug}`, count: published.filter((a) => a.tags.includes(slug)).length })),
    ];
    for (const { path: listPath, count } of checks) {
      const response = await page.goto(listPath);
      expect(response?.status(), `${listPath} answers 200`).toBe(200);
      expect(await shownCount(page), `count on ${listPath}`).toBe(count);
    }
  });

  test('the archive counts only published, past articles and has no period made only of hidden ones', async ({ page, request }) => {
    const published = publishedArticles();
    const count = (year: string, month?: string) =>
      published.filter((a) => {
        const ym = yearMonth(a.date);
        return ym.year === year && (month === undefined || ym.month === month);
      }).length;

    await page.goto('/archive');
    const total = await page
      .locator('main .archive-years > li > h2 .meta')
      .evaluateAll((els) => els.reduce((sum, el) => sum + Number(/\d+/.exec(el.textContent ?? '')?.[0] ?? NaN), 0));
    expect(total, 'year counts on /archive add up to the published articles').toBe(published.length);

    for (const { article } of hidden) {
      const { year, month } = yearMonth(article.date);
      const yearCount = count(year);
      const monthCount = count(year, month);
      const yearPage = await request.get(`/archive/${year}`);
      const monthPage = await request.get(`/archive/${year}/${month}`);
      if (yearCount === 0) {
        expect(yearPage.status(), `/archive/${year} has only hidden articles`).toBe(404);
        await expect(page.locator(`main a[href="/archive/${year}"]`)).toHaveCount(0);
      } else {
        expect(yearPage.status()).toBe(200);
        await expect(page.locator('main .archive-years > li > h2', { has: page.locator(`a[href="/archive/${year}"]`) })).toHaveText(
          `${year} (${yearCount})`,
        );
      }
      if (monthCount === 0) {
        expect(monthPage.status(), `/archive/${year}/${month} has only hidden articles`).toBe(404);
        await expect(page.locator(`main a[href="/archive/${year}/${month}"]`)).toHaveCount(0);
      } else {
        expect(monthPage.status()).toBe(200);
        await expect(page.locator('main .archive-months li', { has: page.locator(`a[href="/archive/${year}/${month}"]`) })).toContainText(
          `(${monthCount})`,
        );
      }
    }
  });
});

test('the production build output contains neither the draft nor the scheduled marker', () => {
  expect(fs.existsSync(NEXT_DIR), `${NEXT_DIR} exists (the webServer builds before tests run)`).toBe(true);
  expect(allArticles().some((a) => a.body.includes(DRAFT_MARKER))).toBe(true);
  const hits: string[] = [];
  let files = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        files++;
        const text = fs.readFileSync(full).toString('latin1');
        for (const marker of [DRAFT_MARKER, SCHEDULED_MARKER]) {
          if (text.includes(marker)) hits.push(`${path.relative(NEXT_DIR, full)} contains ${marker}`);
        }
      }
    }
  };
  walk(NEXT_DIR);
  expect(files, 'files under .next').toBeGreaterThan(0);
  expect(hits, hits.join('\n')).toEqual([]);
});
