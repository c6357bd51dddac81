/**
 * Social sharing ([social]): every page type unfurls with complete Open Graph and Twitter tags, as a
 * real unfurl library (open-graph-scraper) reads them from the built site's HTML; the card image a
 * page names is a cacheable 1200×630 PNG that query strings cannot change; drafts' and scheduled
 * articles' cards exist only for a signed-in editor's preview; robots.txt lets the platforms'
 * crawlers in.
 *
 * Pages are fetched with a crawler's User-Agent, so they are what a platform gets.
 */
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { articleCard, cardVersion } from '../lib/og/card-data';
import { getArticleForPreview } from '../lib/content/preview';
import { articleWithMarker, categories, DRAFT_MARKER, publishedArticles, SCHEDULED_MARKER, type SourceArticle, yearMonth } from './support/content';
import { closeEditorsDatabase, createEditor, signInAs, type EditorAccount } from './support/editors';
import { BASE_URL, normalizeUrl } from './support/page-helpers';
import { PAGE_TYPES, RUSSIAN_SLUG, SEED_SLUG } from './support/pages';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  CRAWLER_HEADERS,
  expectCardPng,
  expectedPage,
  expectShortened,
  expectSiteUrl,
  fetchImage,
  headlineClearance,
  isAllowed,
  ISO_WITH_OFFSET,
  matchingRules,
  MAX_DESCRIPTION,
  MAX_TITLE,
  metaContents,
  parseRobots,
  rulesFor,
  single,
  SITE_LOCALE,
  SITE_NAME,
  SOCIAL_CRAWLERS,
  tagNames,
  TURKMEN_SLUG,
  unfurl,
  updatedOf,
  type ExpectedPage,
  type Unfurl,
} from './support/social';

const draft = articleWithMarker(DRAFT_MARKER);
const scheduled = articleWithMarker(SCHEDULED_MARKER);
const HIDDEN: { what: string; article: SourceArticle }[] = [
  { what: 'draft', article: draft },
  { what: 'scheduled', article: scheduled },
];

/** Every non-article page type of pages.ts, a few more list pages (a topic tag, another section and author), and every published article. */
const LIST_PAGES = [
  // A results page's canonical address is /search itself (results are noindex), so the search page is checked without a query.
  ...PAGE_TYPES.filter((p) => !p.status && !p.path.startsWith('/articles/') && !p.path.startsWith('/search?')).map(({ name, path }) => ({ name, path })),
  { name: 'search', path: '/search' },
  { name: 'category with an ampersand', path: '/category/economy' },
  { name: 'country tag (Turkmenistan)', path: '/tag/tm' },
  { name: 'topic tag', path: '/tag/eu' },
  { name: 'another author', path: '/author/daniel-whitfield' },
];
const ARTICLE_PAGES = publishedArticles().map((a) => ({ name: `article ${a.slug}${a.lang !== 'en' ? ` (${a.lang})` : ''}`, path: `/articles/${a.slug}` }));

/** The Open Graph and Twitter tags every page has, each exactly once. */
const EVERY_PAGE_TAGS = [
  'og:title',
  'og:description',
  'og:url',
  'og:type',
  'og:site_name',
  'og:locale',
  'og:image',
  'og:image:width',
  'og:image:height',
  'og:image:alt',
  'og:image:type',
  'twitter:card',
  'twitter:title',
  'twitter:description',
  'twitter:image',
  'twitter:image:alt',
];
const ARTICLE_TAGS = ['article:published_time', 'article:modified_time', 'article:section', 'twitter:label1', 'twitter:data1', 'twitter:label2', 'twitter:data2'];

/** Every tag above, as open-graph-scraper reads it and as the HTML says it, against what the page should announce. */
function expectUnfurlTags(page: Unfurl, expected: ExpectedPage): void {
  const { og, $ } = page;
  for (const key of EVERY_PAGE_TAGS) single($, key);

  const canonicals = $('head link[rel="canonical"]');
  expect(canonicals, 'one canonical link').toHaveLength(1);
  const canonical = canonicals.attr('href');
  expectSiteUrl(canonical, 'canonical');
  expect(normalizeUrl(canonical!), 'canonical is the page itself').toBe(normalizeUrl(`${BASE_URL}${expected.path}`));

  expectSiteUrl(og.ogUrl, 'og:url');
  expect(og.ogUrl, 'og:url as the HTML says it').toBe(single($, 'og:url'));
  expect(normalizeUrl(og.ogUrl!), 'og:url = canonical').toBe(normalizeUrl(canonical!));
  expect(og.ogType, 'og:type').toBe(expected.type);
  expect(og.ogSiteName, 'og:site_name').toBe(SITE_NAME);
  expect(og.ogLocale, 'og:locale').toMatch(/^[a-z]{2,3}_[A-Z]{2}$/);
  if ((expected.article?.lang ?? 'en') === 'en') expect(og.ogLocale, 'og:locale').toBe(SITE_LOCALE);

  expectShortened(og.ogTitle, expected.title, MAX_TITLE, 'og:title');
  expectShortened(og.ogDescription, expected.description, MAX_DESCRIPTION, 'og:description');
  expect(og.twitterCard, 'twitter:card').toBe('summary_large_image');
  expectShortened(og.twitterTitle, expected.title, MAX_TITLE, 'twitter:title');
  expectShortened(og.twitterDescription, expected.description, MAX_DESCRIPTION, 'twitter:description');
  const site = metaContents($, 'twitter:site');
  expect(site.length, 'twitter:site at most once').toBeLessThanOrEqual(1);
  for (const handle of site) expect(handle, 'twitter:site, when configured, is a handle').toMatch(/^@\w{1,15}$/);

  expect(og.ogImage, 'one og:image').toHaveLength(1);
  const image = og.ogImage![0]!;
  expectSiteUrl(image.url, 'og:image');
  const { kind, slug } = expected.card;
  expect(new URL(image.url).pathname, `og:image is the ${kind} card of ${slug}, named by its hash`).toMatch(new RegExp(`^/og/${kind}/${slug}/[A-Za-z0-9_-]{6,}\\.png$`));
  expect(String(image.width), 'og:image:width').toBe(String(CARD_WIDTH));
  expect(String(image.height), 'og:image:height').toBe(String(CARD_HEIGHT));
  expect(image.type, 'og:image:type').toBe('image/png');
  expect(image.alt?.trim(), 'og:image:alt').toBeTruthy();
  if (expected.article) expect(image.alt, 'og:image:alt names the headline').toContain(expected.article.title);

  expect(og.twitterImage, 'one twitter:image').toHaveLength(1);
  expect(og.twitterImage![0]!.url, 'twitter:image is the og:image').toBe(image.url);
  expect(og.twitterImage![0]!.alt, 'twitter:image:alt').toBe(image.alt);

  const themeColors = metaContents($, 'theme-color', 'head');
  expect(themeColors.length, 'theme-color').toBeGreaterThan(0);
  for (const color of themeColors) expect(color, 'theme-color is a CSS colour').toMatch(/^(#[0-9a-fA-F]{3,8}|rgba?\(.+\)|hsla?\(.+\))$/);

  // No URL in any of these tags is relative.
  for (const el of $('meta').toArray()) {
    const key = $(el).attr('property') ?? $(el).attr('name') ?? '';
    const content = $(el).attr('content') ?? '';
    if (/^(og|twitter|article):/.test(key) && /(^|:)(url|image|author)$/.test(key)) expectSiteUrl(content, key);
    if (/^(og|twitter|article):/.test(key)) expect(content, `${key} is not a relative URL`).not.toMatch(/^\/(?!\/)/);
  }

  if (!expected.article) {
    for (const key of ['article:published_time', 'article:author', 'article:tag', 'twitter:label1']) expect(metaContents($, key), `${key} only on articles`).toEqual([]);
  }
}

/** The article:* tags and Slack's two label/data pairs. */
function expectArticleTags(page: Unfurl, article: SourceArticle): void {
  const { og, $ } = page;
  for (const key of ARTICLE_TAGS) single($, key);

  const published = single($, 'article:published_time');
  expect(og.articlePublishedTime, 'article:published_time (open-graph-scraper)').toBe(published);
  expect(published, 'article:published_time is ISO 8601 with an offset').toMatch(ISO_WITH_OFFSET);
  expect(Date.parse(published), 'article:published_time is the article date').toBe(Date.parse(article.date));

  const modified = single($, 'article:modified_time');
  expect(og.articleModifiedTime, 'article:modified_time (open-graph-scraper)').toBe(modified);
  expect(modified, 'article:modified_time is ISO 8601 with an offset').toMatch(ISO_WITH_OFFSET);
  expect(Date.parse(modified), 'article:modified_time is the update date, or the publication date').toBe(Date.parse(updatedOf(article.slug) ?? article.date));

  const authorsTags = metaContents($, 'article:author', 'head');
  expect(authorsTags, 'one article:author').toHaveLength(1);
  expect(og.articleAuthor, 'article:author (open-graph-scraper)').toBe(authorsTags[0]);
  expectSiteUrl(authorsTags[0], 'article:author');
  expect(normalizeUrl(authorsTags[0]!), "article:author is the author's profile page").toBe(normalizeUrl(`${BASE_URL}/author/${article.author}`));

  const section = categories()[article.categories[0]!]!.name;
  expect(og.articleSection, 'article:section is the first section').toBe(section);

  const { all, countries } = tagNames(article);
  expect(metaContents($, 'article:tag', 'head'), 'one article:tag per tag, in order').toEqual(all);
  expect(all, 'open-graph-scraper keeps one article:tag').toContain(og.articleTag);

  expect(single($, 'twitter:label1')).toBe('Reading time');
  const data1 = single($, 'twitter:data1');
  const minutes = /^(\d+) min read$/.exec(data1);
  expect(minutes, `twitter:data1 "${data1}" reads "N min read"`).not.toBeNull();
  expect($('main .byline').text(), 'twitter:data1 is the reading time the byline shows').toContain(`${minutes![1]} min read`);
  const words = article.body.match(/[\p{L}\p{N}\p{M}ʻʼ'’-]+/gu)?.length ?? 0;
  expect(Math.abs(Number(minutes![1]) - Math.max(1, Math.round(words / 230))), `${minutes![1]} min for about ${words} words`).toBeLessThanOrEqual(1);

  expect(countries.length, 'every seed article has a country tag').toBeGreaterThan(0);
  expect(single($, 'twitter:label2')).toBe('Countries');
  expect(single($, 'twitter:data2'), 'twitter:data2 lists the countries').toBe(countries.join(', '));
}

/** The card a page names: 200 image/png, 1200×630, under 300 KB, cached for a year, immune to query strings. */
async function expectCard(request: APIRequestContext, url: string): Promise<Buffer> {
  const { response, body } = await fetchImage(request, url);
  expectCardPng(response, body, url);
  const cacheControl = response.headers()['cache-control'] ?? '';
  expect(cacheControl, `${url} Cache-Control`).toContain('max-age=31536000');
  expect(cacheControl, `${url} Cache-Control`).toContain('immutable');
  for (const query of ['?title=Hacked', '?title=Hacked&kicker=%3Cscript%3E&w=10&h=10', '?v=2']) {
    const hacked = await fetchImage(request, `${url}${query}`);
    expectCardPng(hacked.response, hacked.body, `${url}${query}`);
    expect(hacked.body.equals(body), `${query} changes nothing that is drawn`).toBe(true);
  }
  return body;
}

test.describe('every page unfurls with complete Open Graph and Twitter metadata and a 1200×630 card', () => {
  for (const { name, path } of [...LIST_PAGES, ...ARTICLE_PAGES]) {
    test(`${name}: ${path}`, async ({ request }) => {
      const expected = expectedPage(path);
      const page = await unfurl(request, path);
      expectUnfurlTags(page, expected);
      if (expected.article) expectArticleTags(page, expected.article);
      await expectCard(request, page.og.ogImage![0]!.url);
    });
  }

  test('the Russian article declares Russian as its og:locale', async ({ request }) => {
    const page = await unfurl(request, `/articles/${RUSSIAN_SLUG}`);
    expect(page.og.ogTitle, 'the tags are in Russian').toMatch(/[А-Яа-яЁё]/);
    expect(page.og.ogLocale, 'og:locale of a Russian-language article').toBe('ru_RU');
  });
});

test.describe('card images', () => {

  /** The headline's ink ends at least 4px above the footer rule, and none of it lands under the rule. */
  async function expectHeadlineClear(page: Page, png: Buffer, what: string): Promise<void> {
    const clearance = await headlineClearance(page, png);
    expect(clearance.ruleRows.length, `${what}: the footer rule is drawn`).toBeGreaterThan(0);
    expect(clearance.clearAbove, `${what}: headline ink was found above the rule`).toBeLessThan(250);
    expect.soft(clearance.clearAbove, `${what}: the headline ends at least 4px above the footer rule (rule at y=${clearance.ruleRows[0]})`).toBeGreaterThanOrEqual(4);
    expect.soft(clearance.inkBelow, `${what}: no headline ink under the footer rule`).toBe(0);
  }

  test('every public card keeps its headline inside the headline area, clear of the footer rule', async ({ request, page }) => {
    const checked = new Set<string>();
    for (const { path } of [...LIST_PAGES, ...ARTICLE_PAGES]) {
      const url = (await unfurl(request, path)).og.ogImage![0]!.url;
      if (checked.has(url)) continue;
      checked.add(url);
      const { response, body } = await fetchImage(request, url);
      expectCardPng(response, body, url);
      await expectHeadlineClear(page, body, `${path} (${url})`);
    }
    expect(checked.size, 'distinct cards checked').toBeGreaterThan(10);
  });

  test('the Russian article card keeps its four-line headline clear of the footer rule', async ({ request, page }) => {
    const url = (await unfurl(request, `/articles/${RUSSIAN_SLUG}`)).og.ogImage![0]!.url;
    const { response, body } = await fetchImage(request, url);
    expectCardPng(response, body, url);
    await expectHeadlineClear(page, body, url);
  });

  test('a card URL with a wrong hash, an unknown slug or an unknown kind is 404', async ({ request }) => {
    const seed = await unfurl(request, `/articles/${SEED_SLUG}`);
    const russian = await unfurl(request, `/articles/${RUSSIAN_SLUG}`);
    const [, , kind, slug, file] = new URL(seed.og.ogImage![0]!.url).pathname.split('/');
    expect([kind, slug]).toEqual(['article', SEED_SLUG]);
    const hash = file!.replace(/\.png$/, '');
    const wrongHash = `${hash.slice(0, -1)}${hash.endsWith('A') ? 'B' : 'A'}`;
    const russianFile = new URL(russian.og.ogImage![0]!.url).pathname.split('/').at(-1)!;
    const cases = [
      `/og/article/${SEED_SLUG}/${wrongHash}.png`,
      `/og/article/${SEED_SLUG}/${hash.toLowerCase() === hash ? hash.toUpperCase() : hash.toLowerCase()}.png`,
      `/og/article/${SEED_SLUG}/${hash}`,
      `/og/article/${SEED_SLUG}/${hash}.jpg`,
      `/og/article/${SEED_SLUG}/${russianFile}`,
      `/og/article/${SEED_SLUG}/index.png`,
      `/og/article/no-such-article/${file}`,
      `/og/article/no-such-article/AAAAAAAAAAAA.png`,
      `/og/category/no-such-section/${file}`,
      `/og/tag/no-such-tag/${file}`,
      `/og/author/no-such-author/${file}`,
      `/og/home/index/${file}`,
      `/og/nope/${SEED_SLUG}/${file}`,
    ];
    for (const path of cases) {
      const { response } = await fetchImage(request, `${BASE_URL}${path}`);
      expect(response.status(), path).toBe(404);
      expect(response.headers()['content-type'] ?? '', `${path} is no image`).not.toContain('image/');
      expect(response.headers()['cache-control'] ?? '', `${path}: a missing card is not cached for a year`).not.toMatch(/immutable|max-age=31536000/);
    }
  });

  test('the cards of three real articles (English, Russian, Turkmen Latin) are saved to the test output', async ({ request }, testInfo) => {
    const saved: string[] = [];
    const bodies: Buffer[] = [];
    for (const slug of [SEED_SLUG, RUSSIAN_SLUG, TURKMEN_SLUG]) {
      const page = await unfurl(request, `/articles/${slug}`);
      const url = page.og.ogImage![0]!.url;
      const body = await expectCard(request, url);
      const file = testInfo.outputPath(`card-${slug}.png`);
      fs.writeFileSync(file, body);
      await testInfo.attach(`card-${slug}.png`, { path: file, contentType: 'image/png' });
      saved.push(file);
      bodies.push(body);
    }
    testInfo.annotations.push({ type: 'cards', description: saved.join('\n') });
    console.log(`social cards saved:\n${saved.join('\n')}`);
    expect(new Set(bodies.map((b) => b.toString('base64'))).size, 'three different cards').toBe(3);
  });
});

test.describe('drafts and scheduled articles have cards only in an editor’s preview', () => {
  let editor: EditorAccount;

  test.beforeAll(async () => {
    expect(draft.status).toBe('draft');
    expect(Date.parse(scheduled.date), 'the scheduled article is still in the future').toBeGreaterThan(Date.now());
    editor = await createEditor('Social Card Editor');
  });
  test.afterAll(closeEditorsDatabase);

  async function editorRequest(playwright: PlaywrightWorkerArgs['playwright']): Promise<APIRequestContext> {
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    await signInAs(request, editor);
    return request;
  }

  test('/og/article/<hidden slug>/<anything>.png is 404, for readers and editors alike, even with the hash of its real card', async ({ request, playwright }) => {
    const seedFile = new URL((await unfurl(request, `/articles/${SEED_SLUG}`)).og.ogImage![0]!.url).pathname.split('/').at(-1)!;
    const editorContext = await editorRequest(playwright);
    for (const { what, article } of HIDDEN) {
      const onDisk = getArticleForPreview(article.slug);
      expect(onDisk, `${what} is on disk`).toBeDefined();
      const realFile = `${cardVersion(articleCard(onDisk!))}.png`;
      for (const file of [realFile, seedFile, 'anything.png', 'index.png', 'AAAAAAAAAAAA.png']) {
        const path = `/og/article/${article.slug}/${file}`;
        for (const [who, client] of [['reader', request], ['editor', editorContext]] as const) {
          const { response } = await fetchImage(client, `${BASE_URL}${path}`);
          expect(response.status(), `${what}: ${path} for a ${who}`).toBe(404);
          expect(response.headers()['content-type'] ?? '', `${path} is no image`).not.toContain('image/');
        }
      }
    }
    await editorContext.dispose();
  });

  test('/og/preview/<slug> is 404 without a session, and a private 1200×630 PNG for a signed-in editor', async ({ request, playwright }) => {
    const editorContext = await editorRequest(playwright);
    for (const { what, article } of HIDDEN) {
      const url = `${BASE_URL}/og/preview/${article.slug}`;
      for (const suffix of ['', '?title=Hacked']) {
        const anonymous = await fetchImage(request, `${url}${suffix}`);
        expect(anonymous.response.status(), `${what}: ${url}${suffix} without a session`).toBe(404);
        expect(anonymous.response.headers()['content-type'] ?? '').not.toContain('image/');
      }
      const { response, body } = await fetchImage(editorContext, url);
      expectCardPng(response, body, `${what}: ${url} for an editor`);
      const cacheControl = response.headers()['cache-control'] ?? '';
      expect(cacheControl, 'the preview card is never cached publicly').toMatch(/private/);
      expect(cacheControl, 'the preview card is never cached publicly').toMatch(/no-store/);
      const hacked = await fetchImage(editorContext, `${url}?title=Hacked`);
      expect(hacked.body.equals(body), 'a query string changes nothing that is drawn').toBe(true);
    }
    for (const slug of ['no-such-article', '..%2F..%2Fetc%2Fpasswd', 'UPPER-CASE']) {
      const { response } = await fetchImage(editorContext, `${BASE_URL}/og/preview/${slug}`);
      expect(response.status(), `/og/preview/${slug} for an editor`).toBe(404);
    }
    // The anonymous client never held a session: a published slug is no preview either.
    expect((await fetchImage(request, `${BASE_URL}/og/preview/${SEED_SLUG}`)).response.status(), 'published slug, no session').toBe(404);
    await editorContext.dispose();
  });

  test("in preview mode, the hidden article's page names /og/preview/<slug> as its image", async ({ request, playwright }) => {
    const editorContext = await editorRequest(playwright);
    for (const { what, article } of HIDDEN) {
      const start = await editorContext.get(`/api/draft?slug=${article.slug}`, { maxRedirects: 0 });
      expect(start.status(), `/api/draft?slug=${article.slug}`).toBe(307);
      const page = await unfurl(editorContext, `/articles/${article.slug}`);
      expect(page.$('main h1').text(), `${what}: the preview shows the article`).toBe(article.title);
      const previewUrl = `${BASE_URL}/og/preview/${article.slug}`;
      expect(page.og.ogImage, `${what}: one og:image`).toHaveLength(1);
      const image = page.og.ogImage![0]!;
      expect(image.url, `${what}: og:image`).toBe(previewUrl);
      expect(String(image.width)).toBe(String(CARD_WIDTH));
      expect(String(image.height)).toBe(String(CARD_HEIGHT));
      expect(image.type).toBe('image/png');
      expect(image.alt?.trim(), 'og:image:alt').toBeTruthy();
      expect(page.og.twitterImage?.map((i) => i.url), `${what}: twitter:image`).toEqual([previewUrl]);
      expect(page.og.ogType).toBe('article');
      expect(normalizeUrl(page.og.ogUrl!)).toBe(normalizeUrl(`${BASE_URL}/articles/${article.slug}`));
      for (const el of page.$('meta').toArray()) {
        expect(page.$(el).attr('content') ?? '', `${what}: no tag names a public card for it`).not.toContain(`/og/article/${article.slug}/`);
      }
      const card = await fetchImage(editorContext, image.url);
      expectCardPng(card.response, card.body, `${what}: ${image.url} for the editor`);
      expect((await fetchImage(request, image.url)).response.status(), `${what}: ${image.url} for a reader`).toBe(404);
    }
    await editorContext.dispose();
  });

  test("the home page and list pages never name a hidden article's card", async ({ request }) => {
    const paths = new Set(LIST_PAGES.map((p) => p.path));
    for (const { article } of HIDDEN) {
      for (const c of article.categories) paths.add(`/category/${c}`);
      for (const t of article.tags) paths.add(`/tag/${t}`);
      paths.add(`/author/${article.author}`);
    }
    const hiddenMonths = HIDDEN.map(({ article }) => yearMonth(article.date));
    for (const path of paths) {
      const page = await unfurl(request, path);
      const contents = page.$('meta').toArray().map((el) => page.$(el).attr('content') ?? '');
      for (const { what, article } of HIDDEN) {
        for (const content of contents) {
          expect(content, `${path}: no tag names the ${what} article's card`).not.toContain(`/og/article/${article.slug}`);
          expect(content, `${path}: no tag names a preview card`).not.toContain('/og/preview/');
          expect(content, `${path}: no tag names the ${what} article`).not.toContain(article.slug);
        }
      }
      expect(page.og.ogImage?.[0]?.url ?? '', `${path}: og:image`).not.toMatch(/\/og\/article\//);
    }
    for (const { year, month } of hiddenMonths) {
      // A month with nothing public has no page at all, so no unfurl either (unless other public articles share it).
      if (publishedArticles().some((a) => yearMonth(a.date).year === year && yearMonth(a.date).month === month)) continue;
      expect((await request.get(`/archive/${year}/${month}`, { headers: CRAWLER_HEADERS })).status(), `/archive/${year}/${month}`).toBe(404);
    }
  });
});

test.describe('robots.txt', () => {
  async function robots(request: APIRequestContext) {
    const response = await request.get('/robots.txt');
    expect(response.status(), '/robots.txt').toBe(200);
    expect(response.headers()['content-type'] ?? '').toContain('text/plain');
    return parseRobots(await response.text());
  }

  test('lets every social crawler fetch pages and card images', async ({ request }) => {
    const groups = await robots(request);
    const card = new URL((await unfurl(request, `/articles/${SEED_SLUG}`)).og.ogImage![0]!.url).pathname;
    for (const agent of SOCIAL_CRAWLERS) {
      const { rules, matched } = rulesFor(groups, agent);
      for (const path of ['/', '/og/', card, '/og/home/index/x.png', `/articles/${SEED_SLUG}`, '/category/eurasia']) {
        expect(isAllowed(rules, path), `${agent} (rules of "${matched}") may fetch ${path}`).toBe(true);
        if (path === '/' || path === '/og/') {
          expect(matchingRules(rules, path).filter((r) => !r.allow), `${agent}: no Disallow covers ${path}`).toEqual([]);
        }
      }
    }
  });

  test('keeps every crawler out of /editor and /api/', async ({ request }) => {
    const groups = await robots(request);
    const { rules, matched } = rulesFor(groups, '*');
    expect(matched).toBe('*');
    expect(rules.length, 'a "*" group with rules').toBeGreaterThan(0);
    for (const path of ['/editor', '/editor/login', '/api/', '/api/comments', '/api/draft?slug=x']) {
      expect(isAllowed(rules, path), `"*" may not fetch ${path}`).toBe(false);
    }
    for (const path of ['/', '/og/', `/articles/${SEED_SLUG}`]) expect(isAllowed(rules, path), `"*" may fetch ${path}`).toBe(true);
  });
});
