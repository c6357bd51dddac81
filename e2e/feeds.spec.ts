/**
 * Feeds: RSS 2.0, Atom and JSON Feed 1.1, site-wide and per category and tag, read with a real feed
 * parser and a strict XML validator; the latest 20 public articles only; autodiscovery links; the
 * WordPress addresses redirect.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { DRAFT_MARKER, hiddenArticles, publishedArticles, SCHEDULED_MARKER, type SourceArticle } from './support/content';
import { BASE_URL } from './support/page-helpers';

const FEED_SIZE = 20;
const parser = new Parser({ customFields: { item: [['content:encoded', 'contentEncoded'], 'category', 'enclosure'] } });
const newestFirst = (list: SourceArticle[]) => [...list].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
const articleUrl = (slug: string) => `${BASE_URL}/articles/${slug}`;

const FEEDS = [
  { name: 'site', base: '', articles: () => publishedArticles() },
  { name: 'category eurasia', base: '/category/eurasia', articles: () => publishedArticles().filter((a) => a.categories.includes('eurasia')) },
  { name: 'tag kz', base: '/tag/kz', articles: () => publishedArticles().filter((a) => a.tags.includes('kz')) },
];

async function fetchFeed(request: APIRequestContext, path: string, type: RegExp): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type'], path).toMatch(type);
  const body = await response.text();
  for (const hidden of [DRAFT_MARKER, SCHEDULED_MARKER, ...hiddenArticles().map((a) => a.slug)]) expect(body, `${path} leaks ${hidden}`).not.toContain(hidden);
  return body;
}

for (const { name, base, articles } of FEEDS) {
  test.describe(`${name} feeds`, () => {
    const expected = () => newestFirst(articles()).slice(0, FEED_SIZE).map((a) => articleUrl(a.slug));

    test(`RSS 2.0 at ${base}/feed.xml is valid XML listing the latest public articles with full content`, async ({ request }) => {
      const xml = await fetchFeed(request, `${base}/feed.xml`, /^application\/rss\+xml/);
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = await parser.parseString(xml);
      expect(feed.items.map((i) => i.link)).toEqual(expected());
      for (const item of feed.items) {
        expect(item.title, item.link).toBeTruthy();
        expect(item.contentSnippet ?? item.content, `summary of ${item.link}`).toBeTruthy();
        expect((item as { contentEncoded?: string }).contentEncoded, `content of ${item.link}`).toMatch(/<p>/);
        expect(item.pubDate, item.link).toBeTruthy();
        expect(item.categories?.length, `categories of ${item.link}`).toBeGreaterThan(0);
      }
      const hero = feed.items.find((i) => i.link?.endsWith('/middle-corridor-trans-caspian-route'));
      if (hero) expect(hero.enclosure).toMatchObject({ url: `${BASE_URL}/images/caspian-corridor.jpg`, type: 'image/jpeg' });
    });

    test(`Atom at ${base}/atom.xml is valid XML with the same entries, authors and dates`, async ({ request }) => {
      const xml = await fetchFeed(request, `${base}/atom.xml`, /^application\/atom\+xml/);
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = await parser.parseString(xml);
      expect(feed.items.map((i) => i.link)).toEqual(expected());
      for (const item of feed.items) {
        expect((item as { author?: string }).author ?? item.creator, `author of ${item.link}`).toBeTruthy();
        expect(Date.parse(item.isoDate ?? ''), `date of ${item.link}`).not.toBeNaN();
      }
    });

    test(`JSON Feed 1.1 at ${base}/feed.json lists the same articles with authors and HTML`, async ({ request }) => {
      const text = await fetchFeed(request, `${base}/feed.json`, /^application\/feed\+json/);
      const feed = JSON.parse(text) as { version: string; title: string; feed_url: string; items: { url: string; content_html: string; authors: { name: string }[]; date_published: string; summary: string }[] };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.feed_url).toBe(`${BASE_URL}${base}/feed.json`);
      expect(feed.items.map((i) => i.url)).toEqual(expected());
      for (const item of feed.items) {
        expect(item.authors[0]?.name, item.url).toBeTruthy();
        expect(item.content_html, item.url).toMatch(/<p>/);
        expect(item.summary, item.url).toBeTruthy();
        expect(Date.parse(item.date_published), item.url).not.toBeNaN();
      }
    });
  });
}

test('pages announce their feeds for autodiscovery', async ({ request }) => {
  for (const [path, base] of [['/', ''], ['/category/eurasia', '/category/eurasia'], ['/tag/kz', '/tag/kz']] as const) {
    const html = await (await request.get(path)).text();
    for (const [type, file] of [['application/rss+xml', 'feed.xml'], ['application/atom+xml', 'atom.xml'], ['application/feed+json', 'feed.json']] as const) {
      expect(html, `${path} ${type}`).toMatch(new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}"[^>]*href="${BASE_URL}${base}/${file}"`));
    }
  }
});

test('the WordPress feed addresses redirect to the new feeds', async ({ request }) => {
  for (const [from, to] of [['/feed', '/feed.xml'], ['/feed/', '/feed.xml'], ['/category/eurasia/feed/', '/category/eurasia/feed.xml'], ['/tag/kz/feed', '/tag/kz/feed.xml']] as const) {
    const response = await request.get(from, { maxRedirects: 5 });
    expect(response.status(), from).toBe(200);
    expect(new URL(response.url()).pathname, from).toBe(to);
  }
});

test('an unknown category or tag has no feed', async ({ request }) => {
  expect((await request.get('/category/nope/feed.xml')).status()).toBe(404);
  expect((await request.get('/tag/nope/atom.xml')).status()).toBe(404);
});
