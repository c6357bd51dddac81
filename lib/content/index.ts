/**
 * The content API for pages: published articles only, unless a function says otherwise.
 * Everything is read once per server process from CONTENT_DIR and kept in memory.
 */
import { env } from '../env';
import { yearMonth } from '../format';
import { loadLibrary } from './load';
import { renderMarkdown } from './render';
import type { Article, Author, Category, Library, Tag } from './types';

export type { Article, Author, Category, Library, Tag } from './types';

let library: Library | undefined;
let published: Article[] | undefined;
const htmlCache = new Map<string, string>();

/** The whole validated library, drafts included: for build checks and editors, never for public lists. */
export function getLibrary(): Library {
  library ??= loadLibrary({ contentDir: env().contentDir, publicDir: env().publicDir });
  return library;
}

/** A published article whose date has passed is public; a draft or a scheduled one is not. */
export function isPublic(article: Pick<Article, 'status' | 'date'>, now: Date = new Date()): boolean {
  return article.status === 'published' && Date.parse(article.date) <= now.getTime();
}

/**
 * The moment "published" is judged at: the build's time inside the built site (so a scheduled
 * article appears with the next build, never half-way on some pages), the current time elsewhere.
 */
export function publicationCutoff(): Date {
  const builtAt = process.env.EURASIAN_STAR_BUILT_AT;
  return builtAt ? new Date(builtAt) : new Date();
}

/** Every public article, newest first. */
export function listPublishedArticles(): Article[] {
  published ??= getLibrary().articles.filter((article) => isPublic(article, publicationCutoff()));
  return published;
}

/** The public article with this slug, if there is one. */
export function getPublishedArticle(slug: string): Article | undefined {
  return listPublishedArticles().find((article) => article.slug === slug);
}

/** The article body as sanitised HTML. */
export function getArticleHtml(article: Article): string {
  const key = `${article.slug}\0${article.body}`;
  let html = htmlCache.get(key);
  if (html === undefined) {
    html = renderMarkdown(article.body, { publicDir: env().publicDir, siteUrl: env().SITE_URL });
    htmlCache.set(key, html);
  }
  return html;
}

export const getCategory = (slug: string): Category | undefined => getLibrary().categories.get(slug);
export const getTag = (slug: string): Tag | undefined => getLibrary().tags.get(slug);
export const getAuthor = (slug: string): Author | undefined => getLibrary().authors.get(slug);
export const listCategories = (): Category[] => [...getLibrary().categories.values()];
export const listTags = (): Tag[] => [...getLibrary().tags.values()];
export const listAuthors = (): Author[] => [...getLibrary().authors.values()];

export const listByCategory = (slug: string) => listPublishedArticles().filter((a) => a.categories.some((c) => c.slug === slug));
export const listByTag = (slug: string) => listPublishedArticles().filter((a) => a.tags.some((t) => t.slug === slug));
export const listByAuthor = (slug: string) => listPublishedArticles().filter((a) => a.author.slug === slug);
export const listByYear = (year: string) => listPublishedArticles().filter((a) => yearMonth(a.date).year === year);
export const listByMonth = (year: string, month: string) =>
  listPublishedArticles().filter((a) => {
    const ym = yearMonth(a.date);
    return ym.year === year && ym.month === month;
  });

export interface ArchiveYear {
  year: string;
  count: number;
  months: { month: string; count: number }[];
}

/** Years and months that have public articles, newest first, with counts. */
export function listArchive(): ArchiveYear[] {
  const years = new Map<string, Map<string, number>>();
  for (const article of listPublishedArticles()) {
    const { year, month } = yearMonth(article.date);
    const months = years.get(year) ?? new Map<string, number>();
    months.set(month, (months.get(month) ?? 0) + 1);
    years.set(year, months);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([year, months]) => ({
      year,
      count: [...months.values()].reduce((sum, n) => sum + n, 0),
      months: [...months.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([month, count]) => ({ month, count })),
    }));
}

/** Public articles sharing the most tags and categories with `article`, newest first on ties. */
export function listRelatedArticles(article: Article, limit = 3): Article[] {
  const tags = new Set(article.tags.map((t) => t.slug));
  const categories = new Set(article.categories.map((c) => c.slug));
  return listPublishedArticles()
    .filter((other) => other.slug !== article.slug)
    .map((other) => ({
      other,
      score: other.tags.filter((t) => tags.has(t.slug)).length * 2 + other.categories.filter((c) => categories.has(c.slug)).length,
    }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ other }) => other);
}

/** The public articles just before (older) and after (newer) this one by date. */
export function getAdjacentArticles(article: Article): { older?: Article; newer?: Article } {
  const list = listPublishedArticles();
  const index = list.findIndex((a) => a.slug === article.slug);
  if (index === -1) return {};
  return { newer: list[index - 1], older: list[index + 1] };
}
