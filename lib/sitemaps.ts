import { Readable } from 'node:stream';
import { SitemapStream, streamToPromise } from 'sitemap';
import { type Article, listArchive, listAuthors, listByAuthor, listByCategory, listByMonth, listByTag, listByYear, listCategories, listPublishedArticles, listTags } from './content';
import { env } from './env';
import { extraPageParams } from './paging';
import { site } from './site';

export interface SitemapEntry {
  url: string;
  lastModified: string;
}

const newest = (articles: Article[]) => articles.reduce((latest, a) => (Date.parse(a.updated ?? a.date) > Date.parse(latest) ? (a.updated ?? a.date) : latest), '1970-01-01T00:00:00Z');

/** Every public page (and every page of every list) with the time its content last changed. */
export function sitemapEntries(): SitemapEntry[] {
  const base = env().SITE_URL;
  const entries: SitemapEntry[] = [];
  const list = (path: string, articles: Article[]) => {
    if (articles.length === 0) return;
    const lastModified = newest(articles);
    entries.push({ url: `${base}${path || '/'}`, lastModified });
    for (const { n } of extraPageParams(articles.length)) entries.push({ url: `${base}${path}/page/${n}`, lastModified });
  };
  const all = listPublishedArticles();
  list('', all);
  for (const path of ['/about', '/contact', '/archive']) entries.push({ url: `${base}${path}`, lastModified: newest(all) });
  for (const article of all) entries.push({ url: `${base}/articles/${article.slug}`, lastModified: article.updated ?? article.date });
  for (const c of listCategories()) list(`/category/${c.slug}`, listByCategory(c.slug));
  for (const t of listTags()) list(`/tag/${t.slug}`, listByTag(t.slug));
  for (const a of listAuthors()) list(`/author/${a.slug}`, listByAuthor(a.slug));
  for (const { year, months } of listArchive()) {
    list(`/archive/${year}`, listByYear(year));
    for (const { month } of months) list(`/archive/${year}/${month}`, listByMonth(year, month));
  }
  return entries;
}

/** Google News sitemap: articles published in the last two days, with publication, language, date and title. */
export async function newsSitemapXml(now: Date = new Date()): Promise<string> {
  const since = now.getTime() - 2 * 86_400_000;
  const recent = listPublishedArticles().filter((a) => Date.parse(a.date) >= since);
  if (recent.length === 0) {
    // The library refuses an empty stream; an empty urlset is still a valid news sitemap.
    return '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>';
  }
  const stream = new SitemapStream({ hostname: env().SITE_URL, xmlns: { news: true, xhtml: false, image: false, video: false } });
  const items = recent.map((article) => ({
    url: `/articles/${article.slug}`,
    lastmod: article.updated ?? article.date,
    news: { publication: { name: site.name, language: article.lang.split('-')[0]! }, publication_date: article.date, title: article.title },
  }));
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}
