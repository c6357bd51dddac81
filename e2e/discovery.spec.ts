/**
 * Sitemaps and structured data: parsed as XML and JSON, checked against the published articles,
 * and free of anything unpublished.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { imageSize } from 'image-size';
import { articleBySlug, authors, DRAFT_MARKER, hiddenArticles, publishedArticles, SCHEDULED_MARKER } from './support/content';
import { BASE_URL } from './support/page-helpers';

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' });
const SEED = 'eu-central-asia-political-security-dialogue';
const HERO = 'middle-corridor-trans-caspian-route';
const hidden = () => [DRAFT_MARKER, SCHEDULED_MARKER, ...hiddenArticles().map((a) => a.slug)];

async function text(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  const body = await response.text();
  for (const h of hidden()) expect(body, `${path} leaks ${h}`).not.toContain(h);
  return body;
}

async function structuredData(request: APIRequestContext, path: string): Promise<Record<string, unknown>[]> {
  const html = await text(request, path);
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  expect(blocks.length, `${path} has JSON-LD`).toBeGreaterThan(0);
  return blocks.flatMap((block) => {
    expect(block, 'no raw < inside JSON-LD').not.toContain('<');
    const parsed = JSON.parse(block) as Record<string, unknown> | Record<string, unknown>[];
    return Array.isArray(parsed) ? parsed : [parsed];
  });
}

test('sitemap.xml lists every public article with its last change, and list pages', async ({ request }) => {
  const body = await text(request, '/sitemap.xml');
  expect(XMLValidator.validate(body)).toBe(true);
  const urls = (xml.parse(body) as { urlset: { url: { loc: string; lastmod: string }[] } }).urlset.url;
  const byLoc = new Map(urls.map((u) => [u.loc, u.lastmod]));
  for (const article of publishedArticles()) {
    const lastmod = byLoc.get(`${BASE_URL}/articles/${article.slug}`);
    expect(lastmod, article.slug).toBeDefined();
    expect(Date.parse(lastmod!), article.slug).toBe(Date.parse(article.updated ?? article.date));
  }
  const articleUrls = urls.filter((u) => u.loc.includes('/articles/'));
  expect(articleUrls).toHaveLength(publishedArticles().length);
  for (const path of ['/', '/about', '/archive', '/category/eurasia', '/tag/kz', '/author/staff', '/archive/2025', '/archive/2025/03', '/page/2']) {
    expect(byLoc.has(`${BASE_URL}${path}`), path).toBe(true);
  }
});

test('news-sitemap.xml is a Google News sitemap of the last two days', async ({ request }) => {
  const body = await text(request, '/news-sitemap.xml');
  expect(XMLValidator.validate(body)).toBe(true);
  expect(body).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
  const doc = xml.parse(body) as { urlset: { url?: { loc: string; 'news:news': { 'news:publication': { 'news:name': string; 'news:language': string }; 'news:title': string; 'news:publication_date': string } }[] } };
  const recent = publishedArticles().filter((a) => Date.parse(a.date) >= Date.now() - 2 * 86_400_000);
  const listed = doc.urlset.url ?? [];
  expect(listed.map((u) => u.loc).sort()).toEqual(recent.map((a) => `${BASE_URL}/articles/${a.slug}`).sort());
  for (const u of listed) {
    expect(u['news:news']['news:publication']['news:name']).toBe('Eurasian Star');
    expect(u['news:news']['news:title']).toBeTruthy();
  }
});

test('robots.txt names both sitemaps', async ({ request }) => {
  const body = await text(request, '/robots.txt');
  expect(body).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);
  expect(body).toContain(`Sitemap: ${BASE_URL}/news-sitemap.xml`);
});

test('an article carries NewsArticle and BreadcrumbList JSON-LD with every field', async ({ request }) => {
  const source = articleBySlug(SEED);
  const blocks = await structuredData(request, `/articles/${SEED}`);
  const article = blocks.find((b) => b['@type'] === 'NewsArticle')!;
  expect(article).toMatchObject({
    '@context': 'https://schema.org',
    headline: source.title,
    description: source.summary,
    datePublished: source.date,
    author: [{ '@type': 'Person', name: authors()[source.author]!.name, url: `${BASE_URL}/author/${source.author}` }],
    publisher: { '@type': 'NewsMediaOrganization', name: 'Eurasian Star' },
    mainEntityOfPage: { '@type': 'WebPage', '@id': `${BASE_URL}/articles/${SEED}` },
    articleSection: ['Eurasia', 'Geo Politics'],
  });
  expect(String(article.dateModified)).toMatch(/[+-]\d\d:\d\d$|Z$/);
  expect((article.image as { url: string }[])[0]!.url).toMatch(new RegExp(`^${BASE_URL}/og/article/${SEED}/`));
  expect((article.publisher as { logo: { url: string } }).logo.url).toMatch(/^http/);
  expect(article.keywords).toContain('Kazakhstan');
  expect((article.contentLocation as { name: string }[]).map((c) => c.name).sort()).toEqual(['Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan', 'Uzbekistan']);
  const crumbs = blocks.find((b) => b['@type'] === 'BreadcrumbList')!;
  expect((crumbs.itemListElement as { name: string }[]).map((i) => i.name)).toEqual(['Eurasian Star', 'Eurasia', source.title]);
});

test('an article with a hero image lists it and its 16:9, 4:3 and 1:1 crops, each a real JPEG of that shape', async ({ request }) => {
  const article = (await structuredData(request, `/articles/${HERO}`)).find((b) => b['@type'] === 'NewsArticle')!;
  const images = article.image as { url: string; width: number; height: number }[];
  expect(images.map((i) => i.url)).toContain(`${BASE_URL}/images/caspian-corridor.jpg`);
  const crops = images.filter((i) => i.url.startsWith(`${BASE_URL}/hero/${HERO}/`));
  expect(crops.map((c) => c.url.split('/').pop()!.split('-')[0])).toEqual(['16x9', '4x3', '1x1']);
  for (const crop of crops) {
    const [across, down] = crop.url.split('/').pop()!.split('-')[0]!.split('x').map(Number) as [number, number];
    expect(Math.abs(crop.width / crop.height - across / down), `${crop.url} is ${across}:${down}`).toBeLessThan(0.01);
    expect(crop.width * crop.height, 'at least 50,000 pixels').toBeGreaterThanOrEqual(50_000);
    const response = await request.get(crop.url.replace(BASE_URL, ''));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/jpeg');
    const size = imageSize(await response.body());
    expect({ width: size.width, height: size.height }).toEqual({ width: crop.width, height: crop.height });
  }
  // Articles without a hero image have no crops, and crops of unknown or unpublished articles do not exist.
  const seed = (await structuredData(request, `/articles/${SEED}`)).find((b) => b['@type'] === 'NewsArticle')!;
  expect((seed.image as { url: string }[]).some((i) => i.url.includes('/hero/'))).toBe(false);
  const name = crops[0]!.url.split('/').pop()!;
  for (const slug of [SEED, ...hiddenArticles().map((a) => a.slug)]) expect((await request.get(`/hero/${slug}/${name}`)).status()).toBe(404);
});

test('the home page describes the WebSite, list pages a CollectionPage, author pages the Person', async ({ request }) => {
  const website = (await structuredData(request, '/')).find((b) => b['@type'] === 'WebSite')!;
  expect(website).toMatchObject({
    name: 'Eurasian Star',
    url: `${BASE_URL}/`,
    potentialAction: { '@type': 'SearchAction', 'query-input': 'required name=search_term_string' },
  });
  // The SearchAction's template is a working search address.
  const template = (website.potentialAction as { target: { urlTemplate: string } }).target.urlTemplate;
  expect(template).toBe(`${BASE_URL}/search?q={search_term_string}`);
  const results = await request.get(template.replace(BASE_URL, '').replace('{search_term_string}', 'Kazakhstan'));
  expect(results.status()).toBe(200);
  expect(await results.text()).toContain('match “Kazakhstan”');
  expect((await structuredData(request, '/category/eurasia')).find((b) => b['@type'] === 'CollectionPage')).toMatchObject({ name: 'Eurasia', url: `${BASE_URL}/category/eurasia` });
  expect((await structuredData(request, '/author/aigerim-sadykova')).find((b) => b['@type'] === 'ProfilePage')).toMatchObject({
    mainEntity: { '@type': 'Person', name: 'Aigerim Sadykova', url: `${BASE_URL}/author/aigerim-sadykova` },
  });
});
